import { t } from '../platform/i18n';
import { CurrentTabVerdict } from './CurrentTabVerdict';
import { Manager } from './Manager';

export function App() {
  return (
    <main>
      <h1>{t('extName')}</h1>
      <CurrentTabVerdict />
      <Manager />
    </main>
  );
}

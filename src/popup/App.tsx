import { CurrentTabVerdict } from './CurrentTabVerdict';
import { Manager } from './Manager';

export function App() {
  return (
    <main>
      <h1>Consent Guard</h1>
      <CurrentTabVerdict />
      <Manager />
    </main>
  );
}

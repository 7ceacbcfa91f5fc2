import { render } from 'preact';
import { CurrentTabVerdict } from './CurrentTabVerdict';

function App() {
  return (
    <main>
      <h1>Consent Guard</h1>
      <CurrentTabVerdict />
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);

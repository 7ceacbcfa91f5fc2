import { render } from 'preact';
import { localizeDocument } from '../platform/i18n';
import { App } from './App';

localizeDocument(document);
render(<App />, document.getElementById('app') as HTMLElement);

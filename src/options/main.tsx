import { render } from 'preact';
import { localizeDocument } from '../platform/i18n';
import { Options } from './Options';

localizeDocument(document, 'optionsTitle');
render(<Options />, document.getElementById('app') as HTMLElement);

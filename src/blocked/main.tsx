import { render } from 'preact';
import { localizeDocument } from '../platform/i18n';
import { BlockedPage } from './BlockedPage';

const id = new URLSearchParams(location.search).get('id') ?? '';
localizeDocument(document, 'blockedPageTitle');
render(<BlockedPage id={id} />, document.getElementById('app') as HTMLElement);

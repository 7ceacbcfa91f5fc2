import { render } from 'preact';
import { localizeDocument } from '../platform/i18n';
import { LinkCheck } from './LinkCheck';

// The context menu opens this page with the link (`link=`) or the selected text (`text=`) in the query.
const query = new URLSearchParams(location.search);
const link = query.get('link');
localizeDocument(document, 'linkCheckPageTitle');
render(<LinkCheck request={link !== null ? { link } : { text: query.get('text') ?? '' }} />, document.getElementById('app') as HTMLElement);

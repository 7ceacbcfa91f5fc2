import { render } from 'preact';
import { BlockedPage } from './BlockedPage';

const id = new URLSearchParams(location.search).get('id') ?? '';
render(<BlockedPage id={id} />, document.getElementById('app') as HTMLElement);

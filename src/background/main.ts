/** The service worker's entry (Firefox: the event page's): the background, wired to the real browser. */
// First, before any schema is built: zod is not to probe for eval, which the extension's CSP forbids here too.
import '../messaging/jitless';
import { browserBackgroundPlatform } from '../platform/background-platform';
import { startBackground } from './index';

startBackground(browserBackgroundPlatform());

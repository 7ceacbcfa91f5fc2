/** The service worker's entry (Firefox: the event page's): the background, wired to the real browser. */
import { browserBackgroundPlatform } from '../platform/background-platform';
import { startBackground } from './index';

startBackground(browserBackgroundPlatform());

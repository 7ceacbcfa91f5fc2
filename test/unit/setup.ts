// Outside a browser there is no i18n API: components and the background speak English from the real file.
import english from '../../public/_locales/en/messages.json' with { type: 'json' };
import { useFallbackMessages } from '../../src/platform/i18n';

useFallbackMessages(english);

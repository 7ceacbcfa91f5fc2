import { vi } from 'vitest';
// Outside a browser there is no i18n API: components and the background speak English from the real file.
import english from '../../public/_locales/en/messages.json' with { type: 'json' };
import { useFallbackMessages } from '../../src/platform/i18n';

useFallbackMessages(english);

// No browser here either: a module that imports the polyfill loads, and any call into it fails loudly.
// Tests hand the code under test the in-memory browser (test/unit/fake-platform.ts) instead.
vi.mock('webextension-polyfill', () => ({ default: {} }));

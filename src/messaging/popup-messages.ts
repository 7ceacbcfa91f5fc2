/** The toolbar popup → background, about the guard. The popup never reads the background's storage: it asks. */
import * as z from 'zod/mini';
import { message, type DeepReadonly } from './define';
import { pageViewSchema } from './page-view';

/** The verdict of a tab: the worst of its top frame and its frames, or null when nothing was judged there. */
export const popupTabVerdict = message({
  type: 'popup/tab-verdict',
  from: ['popup'],
  request: z.strictObject({ tabId: z.number().check(z.int(), z.minimum(0)) }),
  reply: z.strictObject({ view: z.nullable(pageViewSchema) }),
});

export type TabVerdictResponse = DeepReadonly<z.output<typeof popupTabVerdict.reply>>;

export const POPUP_MESSAGES = [popupTabVerdict] as const;

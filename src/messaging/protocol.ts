/**
 * The one message protocol. Every message between extension parts is a member of `requestSchema`;
 * the background checks who sent it (router.ts) before it parses anything, and rejects what fails.
 *
 * Page-guard messages (content script ↔ background) live in page-messages.ts; authorization-manager
 * messages (popup/options ↔ background) in manager-messages.ts.
 */
import { z } from 'zod';
import { guardExtensionRequestSchemas, pageRequestSchemas } from './page-messages';
import { linkRequestSchemas } from './link-messages';
import { managerRequestSchemas } from './manager-messages';
import { policyRequestSchemas } from './policy-messages';

export const requestSchema = z.discriminatedUnion('type', [
  ...pageRequestSchemas,
  ...managerRequestSchemas,
  ...policyRequestSchemas,
  ...guardExtensionRequestSchemas,
  ...linkRequestSchemas,
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];

/** Who may send which message: content scripts only page messages, extension pages only manager messages. */
export const PAGE_REQUEST_TYPES: ReadonlySet<string> = new Set(pageRequestSchemas.map((schema) => schema.shape.type.value));
// Options, block and link check pages (policy-messages.ts, link-messages.ts) are extension pages too: the same sender rule applies.
export const MANAGER_REQUEST_TYPES: ReadonlySet<string> = new Set(
  [...managerRequestSchemas, ...policyRequestSchemas, ...guardExtensionRequestSchemas, ...linkRequestSchemas].map((schema) => schema.shape.type.value),
);

/**
 * The one typed `send()`, for every context that talks to the background (the guard in a page, the popup,
 * the options, block and link check pages). The message is built from its definition (src/messaging/*-messages.ts),
 * so its type and fields are checked by the compiler; the reply is checked against the definition's reply
 * schema before the caller sees it, so a refused message (the router answers `{ error: 'rejected' }`) or a
 * reply of another shape rejects with MessageFailed, never passes as a cast.
 */
import { sendRuntimeMessage } from '../platform/runtime';
import { sendWith, type Send } from './checked';

export { MessageFailed, readPush, type Send } from './checked';

export const send: Send = sendWith(sendRuntimeMessage);

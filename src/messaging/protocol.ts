/**
 * The one message protocol: every message type between the extension's parts, each defined once (./define.ts)
 * in the file of the part that sends it. The background's router (src/background/router.ts) accepts exactly
 * these, from exactly the senders each allows, and src/background/handlers.ts gives each its handler.
 */
import type { AllowedSender, MessageSpec, ParsedRequest, ReplyFields } from './define';
import { LINK_MESSAGES } from './link-messages';
import { MANAGER_MESSAGES } from './manager-messages';
import { PAGE_MESSAGES } from './page-messages';
import { POLICY_MESSAGES } from './policy-messages';
import { POPUP_MESSAGES } from './popup-messages';

export const PROTOCOL = [...PAGE_MESSAGES, ...POPUP_MESSAGES, ...MANAGER_MESSAGES, ...POLICY_MESSAGES, ...LINK_MESSAGES] as const;

export type ProtocolMessage = (typeof PROTOCOL)[number];
export type MessageType = ProtocolMessage['type'];
export type SpecOf<T extends MessageType> = Extract<ProtocolMessage, { type: T }>;

/** A handler gets the parsed fields and the sender as the router checked it, and answers what the reply schema accepts. */
export type Handler<S extends MessageSpec> = (request: ParsedRequest<S>, sender: AllowedSender<S>) => Promise<ReplyFields<S>> | ReplyFields<S>;

/** The fourth column of the table: one handler for every message type (the compiler refuses a missing one). */
export type Handlers = { readonly [T in MessageType]: Handler<SpecOf<T>> };

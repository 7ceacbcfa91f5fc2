/**
 * How a message of the protocol is defined. Each message type is one `message({...})`: its name, who may send
 * it, the schema of its fields and the schema of its reply. The background adds the fourth column, the
 * handler (src/background/handlers.ts), and its router checks the sender and the fields before a handler
 * runs; `send()` (./send.ts) checks the reply before the caller sees it.
 *
 * The schemas are zod's (classic or mini: both are zod/v4/core types). The guard's own messages use zod/mini
 * because the guard carries them into every page it starts in; see ./page.ts.
 */
import type * as z from 'zod/mini';

/**
 * Who sends a message:
 * - `page`: the guard (a content script) in a web document of a tab: http(s), or a blob:, data:, about:blank
 *   or srcdoc document a page made;
 * - the extension's own pages, each by its path: the toolbar popup, the options page, the block page, the
 *   link check page.
 */
export type SenderKind = 'page' | ExtensionPage;
export type ExtensionPage = 'popup' | 'options' | 'blocked' | 'linkcheck';

/** Each extension page's path under the extension's origin (vite builds the HTML files there). */
export const EXTENSION_PAGE_PATHS: Readonly<Record<ExtensionPage, string>> = {
  popup: 'src/popup/index.html',
  options: 'src/options/index.html',
  blocked: 'src/blocked/index.html',
  linkcheck: 'src/linkcheck/index.html',
};

/** A content script's message, as the router has checked it: the tab, frame and address are the browser's, never the payload's. */
export interface PageSender {
  readonly kind: 'page';
  readonly tabId: number;
  readonly frameId: number;
  readonly url: string;
  /** The sending document's http(s) origin where the browser gives one (Chromium); for about:blank and srcdoc frames, their creator's. */
  readonly origin?: string | undefined;
}

/** One of our own pages. `tabId` is null where the page is not in a tab (the toolbar popup). */
export interface ExtensionPageSender<K extends ExtensionPage = ExtensionPage> {
  readonly kind: K;
  readonly url: string;
  readonly tabId: number | null;
}

/** The block page always replaces a tab: the router refuses it without one. */
export interface BlockedPageSender extends ExtensionPageSender<'blocked'> {
  readonly tabId: number;
}

/** The sender a handler receives, narrowed to the kinds its message allows. */
export type SenderOf<K extends SenderKind> = K extends 'page'
  ? PageSender
  : K extends 'blocked'
    ? BlockedPageSender
    : K extends ExtensionPage
      ? ExtensionPageSender<K>
      : never;

export type AnySchema = z.core.$ZodType;

export interface MessageSpec<T extends string = string, K extends SenderKind = SenderKind, Q extends AnySchema = AnySchema, R extends AnySchema = AnySchema> {
  readonly type: T;
  /** Who may send it; anyone else is refused before the fields are read. */
  readonly from: readonly K[];
  /** The fields besides `type` (a strict object: unknown fields are refused, so a tab id can never ride along). */
  readonly request: Q;
  readonly reply: R;
}

/** Defines one message type of the protocol. */
export function message<const T extends string, const K extends SenderKind, Q extends AnySchema, R extends AnySchema>(
  spec: MessageSpec<T, K, Q, R>,
): MessageSpec<T, K, Q, R> {
  return spec;
}

/** A shape as the protocol hands it around: nothing in a message is changed after it is made. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The fields a sender passes (before the schema's defaults and trimming). */
export type RequestFields<S extends MessageSpec> = DeepReadonly<z.input<S['request']>>;
/** The fields a handler receives (parsed). */
export type ParsedRequest<S extends MessageSpec> = DeepReadonly<z.output<S['request']>>;
/** What goes over the wire: the fields with the message's type. */
export type WireRequest<S extends MessageSpec> = { readonly type: S['type'] } & (string extends keyof RequestFields<S> ? unknown : RequestFields<S>);
/** What a handler answers (the reply schema's input)... */
export type ReplyFields<S extends MessageSpec> = DeepReadonly<z.input<S['reply']>>;
/** ...and what the sender gets once the reply has passed its schema. */
export type Reply<S extends MessageSpec> = DeepReadonly<z.output<S['reply']>>;
export type AllowedSender<S extends MessageSpec> = SenderOf<S['from'][number]>;

/**
 * A push from the background into a document (the view the guard shows), with the schema the document
 * checks it with. It does not go through the router: the background delivers it with the injection.
 */
export interface PushSpec<T extends string = string, P extends AnySchema = AnySchema> {
  readonly type: T;
  readonly payload: P;
}

export function push<const T extends string, P extends AnySchema>(spec: PushSpec<T, P>): PushSpec<T, P> {
  return spec;
}

export type PushPayload<S extends PushSpec> = DeepReadonly<z.output<S['payload']>>;

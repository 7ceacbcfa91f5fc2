/**
 * Messages checked against their definitions, on the sending side: the reply of a message, and a push the
 * background delivered into a document. No transport here (./send.ts binds it to the browser), so tests
 * and the background's own tests use the same checks.
 */
import { safeParse } from 'zod/mini';
import type { MessageSpec, PushPayload, PushSpec, Reply, RequestFields } from './define';

/** The background refused the message, did not answer, or answered something its definition does not allow. */
export class MessageFailed extends Error {
  override readonly name = 'MessageFailed';
}

/** Messages without fields may omit them. */
export type FieldsArgument<S extends MessageSpec> = Record<string, never> extends RequestFields<S> ? [fields?: RequestFields<S>] : [fields: RequestFields<S>];

/** Sends one message of the protocol and resolves with its checked reply. */
export type Send = <S extends MessageSpec>(spec: S, ...fields: FieldsArgument<S>) => Promise<Reply<S>>;

/** Checks a reply against its message's reply schema. */
export function checkReply<S extends MessageSpec>(spec: S, reply: unknown): Reply<S> {
  const parsed = safeParse(spec.reply, reply);
  if (!parsed.success) throw new MessageFailed(`${spec.type}: the reply does not match the protocol`);
  return parsed.data as Reply<S>;
}

/** A `Send` over a raw transport: the message is built from its definition, the reply checked. */
export function sendWith(transport: (message: unknown) => Promise<unknown>): Send {
  return async (spec, ...[fields]) => checkReply(spec, await transport({ ...(fields as object | undefined), type: spec.type }));
}

/**
 * A push travels as JSON text: the browser's injection arguments do not carry every value as it was (Chromium
 * hands a script `null` members of an object as something else), JSON text arrives as it was sent.
 */
export function encodePush<S extends PushSpec>(_spec: S, payload: PushPayload<S>): string {
  return JSON.stringify(payload);
}

/** A push the background delivered into this document, checked against its schema; null when it is not one. */
export function readPush<S extends PushSpec>(spec: S, text: unknown): PushPayload<S> | null {
  if (typeof text !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = safeParse(spec.payload, value);
  return parsed.success ? (parsed.data as PushPayload<S>) : null;
}

/**
 * The guard's `send()`: the same checked send as ./send.ts (the message built from its definition, the reply
 * checked against its schema), over the bare runtime instead of webextension-polyfill, which the guard would
 * otherwise carry (and set up) in every page it starts in before the banner can go up.
 */
import { sendMessage } from '../platform/bare-runtime';
import { sendWith, type Send } from './checked';

export const send: Send = sendWith(sendMessage);

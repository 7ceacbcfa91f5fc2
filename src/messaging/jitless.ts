/**
 * Imported first by the guard's entry (and the background's), before any schema of the protocol is built.
 * zod compiles a fast parser for each object schema with `new Function` where the page allows it, and probes
 * for that when the first object schema is built. The extension's own CSP never allows it, so in every page
 * the guard starts in the probe only threw (and Chromium reported a CSP violation for it) while the guard was
 * being evaluated, before the banner could go up. Parsing is the same either way: zod's ordinary path.
 */
import { config } from 'zod/mini';

config({ jitless: true });

/**
 * The WebExtensions messages.json format, filled in without a browser. Kept apart from text.ts so that a
 * bundle can fill messages without carrying the English file.
 */

/** One entry of a Chrome/WebExtensions messages.json file. */
export interface MessageEntry {
  readonly message: string;
  readonly placeholders?: Readonly<Record<string, { readonly content: string }>>;
}

/** A message split once into literal text and substitution slots (0-based); filling is then a join. */
type CompiledMessage = readonly (string | number)[];
const compiled = new WeakMap<MessageEntry, CompiledMessage>();

function compile(entry: MessageEntry): CompiledMessage {
  let parts = compiled.get(entry);
  if (parts) return parts;
  const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole);
  const pieces: (string | number)[] = [];
  let literal = '';
  for (let index = 0; index < expanded.length; index++) {
    const next = expanded[index + 1];
    if (expanded[index] === '$' && next === '$') {
      literal += '$';
      index++;
    } else if (expanded[index] === '$' && next !== undefined && next >= '1' && next <= '9') {
      pieces.push(literal, Number(next) - 1);
      literal = '';
      index++;
    } else {
      literal += expanded[index];
    }
  }
  pieces.push(literal);
  parts = pieces;
  compiled.set(entry, parts);
  return parts;
}

/**
 * Fills a message the way browsers do: `$NAME$` becomes its placeholder's content, `$1`…`$9` the
 * substitutions, `$$` a dollar sign. Substituted text is inserted once and never scanned again, so a
 * host name or address containing `$1` shows as typed. Each message is parsed once: the analyzer fills
 * several per URL.
 */
export function fillMessage(entry: MessageEntry, substitutions: readonly string[]): string {
  let filled = '';
  for (const part of compile(entry)) filled += typeof part === 'number' ? (substitutions[part] ?? '') : part;
  return filled;
}

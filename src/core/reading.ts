/**
 * Text as a person reads it, for matching the words a page shows (its title, headings, a logo's name, a drawn
 * address bar). A clone that writes "Micrоsoft" with a Cyrillic о, "Micro\u200Bsoft" with a zero-width space,
 * "Ｍｉｃｒｏｓｏｆｔ" in full width or "Micrósoft" reads as Microsoft to the person it targets, so it must to us.
 * Pure: no DOM, no Node API.
 */
// The package's table alone (a Map of some 80 strings, one per Latin letter or digit): its main module also builds
// three maps of every character when it is loaded, which would cost each page the guard starts in a few
// milliseconds. (The host assessment keeps the main module's map: src/core/host-assessment.ts.)
import { characters as LOOKALIKES_BY_LATIN } from 'confusables/dist/characters.js';

/**
 * Default-ignorable and invisible characters (soft hyphen, zero-width space and joiners, word joiner, BOM,
 * bidirectional controls, Mongolian vowel separator, tag characters): a reader does not see them where they
 * are, so the reading is taken without them.
 */
// The class lists combining marks on purpose: each is a character a reader does not see.
export const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E0FFF}]/gu;

const NOT_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}/gu;
/** The `confusables` package's table by code point, for what is not ASCII: built at the first text that needs it. */
let latinReading: Map<number, string> | null = null;
function latinReadingTable(): Map<number, string> {
  if (latinReading !== null) return latinReading;
  latinReading = new Map();
  for (const [latin, lookalikes] of LOOKALIKES_BY_LATIN) {
    for (const character of lookalikes) {
      const code = character.codePointAt(0)!;
      if (code >= 0x80 && !latinReading.has(code)) latinReading.set(code, latin);
    }
  }
  return latinReading;
}

/**
 * The text with invisible characters dropped, compatibility forms folded (NFKC), combining marks dropped and
 * every other character that looks like a Latin letter read as that letter (the `confusables` package's table:
 * other scripts' look-alikes, accented letters). ASCII is left as it is (the table would read `|` as `l`), and
 * ASCII text is returned at once. About a microsecond for a short line of another script.
 */
export function asRead(text: string): string {
  if (!NOT_ASCII.test(text)) return text;
  const folded = text.replace(INVISIBLE, '').normalize('NFKC').replace(COMBINING_MARKS, '');
  const table = latinReadingTable();
  let read = '';
  let copiedTo = 0;
  for (let index = 0; index < folded.length; index++) {
    const code = folded.codePointAt(index)!;
    if (code < 0x80) continue;
    const width = code > 0xffff ? 2 : 1;
    const latin = table.get(code);
    if (latin !== undefined) {
      read += folded.slice(copiedTo, index) + latin;
      copiedTo = index + width;
    }
    index += width - 1;
  }
  return copiedTo === 0 ? folded : read + folded.slice(copiedTo);
}

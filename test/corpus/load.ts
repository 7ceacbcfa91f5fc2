import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type CorpusCategory = 'legit' | 'high-risk' | 'lookalike' | 'ordinary' | 'malformed';

export interface CorpusEntry {
  category: CorpusCategory;
  url: string;
  verdict: string | null;
  note: string;
  flow?: string;
  host?: string;
  imitates?: string;
  requested?: string[];
  effective?: string[];
  unknown?: string[];
  /** Finding ids that must fire. */
  findings?: string[];
  /** Finding ids that must not fire (the detector that would be wrong to accept this URL). */
  notFindings?: string[];
  /**
   * A link as an analyst pastes it (CLI, link check): wrappers are removed first and the URL inside is
   * judged. `wrappers` then lists the wrappers that must be recognised, outermost first.
   */
  link?: true;
  wrappers?: string[];
}

// From the module's own path, not `new URL`: a happy-dom test environment replaces URL with its own.
const corpusDirectory = path.dirname(fileURLToPath(import.meta.url));

/** Every JSON file in test/corpus/ is part of the corpus: one file per class of link shape keeps additions reviewable. */
export function loadCorpus(): CorpusEntry[] {
  return readdirSync(corpusDirectory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => JSON.parse(readFileSync(path.join(corpusDirectory, file), 'utf8')) as CorpusEntry[]);
}

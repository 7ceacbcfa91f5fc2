/**
 * Documents opened from a file on this computer: an HTML attachment saved and opened, or a file a page handed
 * over as a download (HTML smuggling). Such a document has no host to judge and asks for nothing by its address;
 * only what it shows counts (page-signals.ts addLocalFileSignalFindings).
 */
import { addLocalFileSignalFindings } from './page-signals';
import { englishText, type Text } from './text';
import type { Analysis, Finding, PageSignals, Severity } from './types';

/** A file name is shown as the page's "host": long enough to recognise, never a wall of text. */
const MAX_FILE_NAME = 80;

export function isLocalFileUrl(url: string): boolean {
  return /^file:/i.test(url);
}

/** The file's name as a person reads it: the last segment of its path, decoded (`Invoice 12.html`). */
export function localFileName(url: string): string {
  const path = url.replace(/[?#].*$/s, '');
  const segment = path.slice(path.lastIndexOf('/') + 1) || path.replace(/^file:\/*/i, '');
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  return name.length > MAX_FILE_NAME ? `${name.slice(0, MAX_FILE_NAME - 1)}…` : name;
}

/**
 * The analysis of a local document from what its guard saw (none yet: nothing to say). Its host report names
 * the file and says it is local, so the banner can say where the page really is.
 */
export function analyzeLocalFile(url: string, signals: PageSignals | undefined): Analysis {
  const fileName = localFileName(url);
  const findings: Finding[] = [];
  if (signals) {
    addLocalFileSignalFindings(
      (id: string, severity: Severity, said: Text) => findings.push({ id, severity, message: englishText(said), text: said }),
      signals,
      fileName,
    );
  }
  return {
    url,
    verdict: findings.length > 0 ? 'danger' : 'none',
    flow: null,
    host: { name: fileName, unicode: fileName, trusted: false, imitates: null, technique: null, local: true },
    request: null,
    scopes: { requested: [], effective: [], unknown: [] },
    findings,
  };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeLink, analyzeUrl, toContractJson, type AnalyzeResult } from '../../src/core';
import { loadCorpus, type CorpusCategory as Category, type CorpusEntry } from '../corpus/load';

const entries = loadCorpus();

/** Each classifier must accept its own corpus URLs and reject every other URL in the corpus. */
const classifiers: Record<Category, (entry: CorpusEntry) => boolean> = {
  legit: (entry) => verdictOf(entry) === 'ok',
  'high-risk': (entry) => verdictOf(entry) === 'warn',
  lookalike: (entry) => verdictOf(entry) === 'danger',
  ordinary: (entry) => verdictOf(entry) === 'none',
  malformed: (entry) => verdictOf(entry) === null,
};

/** A pasted link is unwrapped first (as the CLI and the link check do); a page's address is judged as the browser has it. */
function analyze(entry: CorpusEntry): AnalyzeResult & { wrappers?: readonly string[] } {
  if (!entry.link) return analyzeUrl(entry.url);
  const result = analyzeLink(entry.url);
  return result.ok ? { ok: true, analysis: result.analysis, wrappers: result.link.wrappers } : result;
}

function verdictOf(entry: CorpusEntry): string | null {
  const result = analyze(entry);
  return result.ok ? result.analysis.verdict : null;
}

describe('the shared URL corpus', () => {
  it('covers every category with several URLs', () => {
    for (const category of Object.keys(classifiers)) {
      expect(entries.filter((entry) => entry.category === category).length, category).toBeGreaterThanOrEqual(5);
    }
  });

  for (const [category, accepts] of Object.entries(classifiers) as [Category, (entry: CorpusEntry) => boolean][]) {
    it(`the ${category} classifier accepts exactly the ${category} URLs`, () => {
      const wronglyRejected = entries.filter((entry) => entry.category === category && !accepts(entry)).map((entry) => entry.note);
      const wronglyAccepted = entries.filter((entry) => entry.category !== category && accepts(entry)).map((entry) => `${entry.category}: ${entry.note}`);
      expect(wronglyRejected).toEqual([]);
      expect(wronglyAccepted).toEqual([]);
    });
  }

  for (const entry of entries.filter((candidate) => candidate.category !== 'malformed')) {
    it(`${entry.category}: ${entry.note}`, () => {
      const result = analyze(entry);
      if (!result.ok) throw new Error(result.error);
      const json = toContractJson(result.analysis);
      if (entry.wrappers) expect(result.wrappers, 'wrappers recognised, outermost first').toEqual(entry.wrappers);
      expect(json.verdict).toBe(entry.verdict);
      if (entry.flow) expect(json.flow).toBe(entry.flow);
      if (entry.host) expect(json.host.name).toBe(entry.host);
      if (entry.imitates) expect(json.host.imitates).toBe(entry.imitates);
      if (entry.requested) expect(json.scopes.requested).toEqual(entry.requested);
      if (entry.effective) expect(json.scopes.effective).toEqual(entry.effective);
      if (entry.unknown) expect(json.scopes.unknown).toEqual(entry.unknown);
      const fired = json.findings.map((finding) => finding.id);
      for (const id of entry.findings ?? []) expect(fired, `finding ${id} must fire`).toContain(id);
      for (const id of entry.notFindings ?? []) expect(fired, `finding ${id} must not fire`).not.toContain(id);
      // Only a trusted host can be ok; only an untrusted one can be called an imitation.
      if (json.verdict === 'ok') expect(json.host.trusted).toBe(true);
      if (json.host.imitates !== null) expect(json.host.trusted).toBe(false);
    });
  }

  it('names only finding ids the README documents, and the analyzer gives the corpus no undocumented one (a misspelt id would pass silently)', () => {
    // The README's findings table: each row starts with the id (or ids) in backticks, then the severity.
    const rows = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').matchAll(
      /^\| ((?:`[a-z0-9-]+`(?:, )?)+) \| [^|]*(?:info|warn|danger)[^|]* \|/gm,
    );
    const documented = new Set([...rows].flatMap((row) => [...row[1]!.matchAll(/`([a-z0-9-]+)`/g)].map((match) => match[1])));
    expect(documented.size).toBeGreaterThan(20);
    const named = entries.flatMap((entry) =>
      [...(entry.findings ?? []), ...(entry.notFindings ?? [])].filter((id) => !documented.has(id)).map((id) => `${id} (${entry.note})`),
    );
    expect(named).toEqual([]);
    const given = entries.flatMap((entry) => {
      const result = analyze(entry);
      return result.ok ? result.analysis.findings.filter((finding) => !documented.has(finding.id)).map((finding) => `${finding.id} (${entry.note})`) : [];
    });
    expect(given).toEqual([]);
  });

  it('explains every warn and danger verdict with a finding of that severity, and gives ok and none no warning', () => {
    const unexplained = entries.flatMap((entry) => {
      const result = analyzeUrl(entry.url);
      if (!result.ok) return [];
      const { verdict, findings } = result.analysis;
      const severities = new Set(findings.map((finding) => finding.severity));
      const explained =
        verdict === 'danger' ? severities.has('danger') : verdict === 'warn' ? severities.has('warn') && !severities.has('danger') : !severities.has('danger');
      return explained ? [] : [`${verdict}: ${entry.note} (${findings.map((finding) => `${finding.id}:${finding.severity}`).join(', ')})`];
    });
    expect(unexplained).toEqual([]);
  });

  it('names, for every warn and danger URL, a finding that decides its verdict: the reason is pinned per URL, not only the verdict', () => {
    const unnamed = entries.flatMap((entry) => {
      const result = analyze(entry);
      if (!result.ok) return [];
      const { verdict, findings } = result.analysis;
      if (verdict !== 'warn' && verdict !== 'danger') return [];
      const deciding = findings.filter((finding) => finding.severity === verdict).map((finding) => finding.id);
      return (entry.findings ?? []).some((id) => deciding.includes(id)) ? [] : [`${verdict}: ${entry.note} (deciding: ${deciding.join(', ')})`];
    });
    expect(unnamed).toEqual([]);
  });

  for (const entry of entries.filter((candidate) => candidate.category === 'malformed')) {
    it(`malformed: ${entry.note} gives a one-line error`, () => {
      const result = analyze(entry);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).not.toContain('\n');
    });
  }
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../manifest.targets';
import { parseManagedPolicy } from '../../src/policy/policy';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

describe('shipped policy files', () => {
  it('the example policy parses without problems', () => {
    const example = read('docs/policy/chrome-edge-linux-macos.json')['3rdparty'].extensions.EXTENSION_ID;
    const { problems, policy } = parseManagedPolicy(example);
    expect(problems).toEqual([]);
    expect(policy.blockDanger).toBe(true);
  });

  it('the Firefox policies.json names the Firefox build\'s add-on id and carries the same policy', () => {
    const extensions = read('docs/policy/firefox-policies.json').policies['3rdparty'].Extensions;
    expect(Object.keys(extensions)).toEqual([GECKO_ID]);
    const { problems, policy } = parseManagedPolicy(extensions[GECKO_ID]);
    expect(problems).toEqual([]);
    expect(policy).toEqual(parseManagedPolicy(read('docs/policy/chrome-edge-linux-macos.json')['3rdparty'].extensions.EXTENSION_ID).policy);
  });

  it('managed_schema.json describes exactly the keys the parser accepts', () => {
    const schemaKeys = Object.keys(read('public/managed_schema.json').properties).sort();
    const probe = Object.fromEntries(schemaKeys.map((key) => [key, null]));
    const unknown = parseManagedPolicy(probe).problems.filter((problem) => problem.message.startsWith('not a Consent Guard'));
    expect(unknown).toEqual([]);
    expect(schemaKeys).toHaveLength(11);
  });
});

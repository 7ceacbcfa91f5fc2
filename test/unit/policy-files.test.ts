/**
 * The deployment pack (docs/policy/): every file an admin deploys is read back the way its consumer reads it
 * (Chrome/Edge's JSON and registry loaders, macOS preferences, the Group Policy editor's ADMX/ADML, Firefox's
 * policies.json) and checked against the extension's own parser: a key the extension does not know, a key
 * left out, a value of the wrong type or out of range fails. The generated files must be what
 * src/policy/policy-templates.ts produces from managed_schema.json (`npm run policy-templates` rewrites them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../manifest.targets';
import { parseManagedPolicy, MANAGED_POLICY_KEYS } from '../../src/policy/policy';
import { POLICY_TEMPLATE_TEXT } from '../../src/policy/policy-template-text';
import {
  CHROME_ID_PLACEHOLDER,
  deploymentPack,
  EDGE_ID_PLACEHOLDER,
  policyRegistryKey,
  TEMPLATE_BROWSERS,
  TEMPLATE_LANGUAGES,
  templateFileName,
  type ExamplePolicy,
  type ManagedSchema,
  type TemplateBrowser,
} from '../../src/policy/policy-templates';
import { childElements, elements, parseXml, readPlist, readRegistryFile, registryToPolicy, textOf, type PlistValue } from './policy-xml';

const text = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const read = (path: string) => JSON.parse(text(path));
const schema = read('public/managed_schema.json') as ManagedSchema;
const example = read('docs/policy/chrome-edge-linux-macos.json')['3rdparty'].extensions.EXTENSION_ID as ExamplePolicy;
const ALL_KEYS = [...MANAGED_POLICY_KEYS].sort();

/** Problems of a policy object as deployed: what the parser refuses, and every key it lacks. */
function policyProblems(policy: unknown): string[] {
  const { problems, policy: parsed } = parseManagedPolicy(policy);
  const missing = ALL_KEYS.filter((key) => !Object.hasOwn(parsed, key));
  return [...problems.map((problem) => `${problem.key}: ${problem.message}`), ...missing.map((key) => `${key}: missing`)];
}

describe('shipped policy files', () => {
  it('the example policy sets every key the extension knows, and each parses', () => {
    expect(policyProblems(example)).toEqual([]);
    expect(parseManagedPolicy(example).policy.blockDanger).toBe(true);
  });

  it('the check fails for a key the extension does not know and for one left out', () => {
    expect(policyProblems({ ...example, blockDangr: true })).toEqual(['blockDangr: not a Consent Guard policy setting; ignored']);
    const { warningMessage: _left, ...without } = example;
    expect(policyProblems(without)).toEqual(['warningMessage: missing']);
  });

  it("the Firefox policies.json names the Firefox build's add-on id and carries the same policy", () => {
    const extensions = read('docs/policy/firefox-policies.json').policies['3rdparty'].Extensions;
    expect(Object.keys(extensions)).toEqual([GECKO_ID]);
    expect(policyProblems(extensions[GECKO_ID])).toEqual([]);
    expect(parseManagedPolicy(extensions[GECKO_ID]).policy).toEqual(parseManagedPolicy(example).policy);
  });

  it('managed_schema.json describes exactly the keys the parser accepts, with the ranges it accepts', () => {
    const schemaKeys = Object.keys(schema.properties).sort();
    expect(schemaKeys).toEqual(ALL_KEYS);
    for (const [key, property] of Object.entries(schema.properties)) {
      if (property.type !== 'integer') continue;
      // The browser's own schema check and ours agree on the edges.
      expect(parseManagedPolicy({ [key]: property.minimum }).problems, key).toEqual([]);
      expect(parseManagedPolicy({ [key]: property.maximum }).problems, key).toEqual([]);
      expect(parseManagedPolicy({ [key]: property.minimum! - 1 }).problems, key).toHaveLength(1);
      expect(parseManagedPolicy({ [key]: property.maximum! + 1 }).problems, key).toHaveLength(1);
    }
    for (const [key, property] of Object.entries(schema.properties)) {
      for (const value of property.enum ?? []) expect(parseManagedPolicy({ [key]: value }).problems, `${key}=${value}`).toEqual([]);
    }
  });
});

describe('generated deployment files', () => {
  const pack = deploymentPack(schema, example, 'Contoso');

  it('each committed file is what the generator makes of managed_schema.json and the example (npm run policy-templates)', async () => {
    expect(Object.keys(pack).sort()).toEqual(
      [
        'force-install/chrome-linux.json',
        'force-install/edge-linux.json',
        'force-install/windows.reg',
        'macos/consent-guard.mobileconfig',
        'windows.reg',
        ...TEMPLATE_BROWSERS.flatMap((browser) => [
          `windows/${templateFileName(browser)}.admx`,
          ...TEMPLATE_LANGUAGES.map((language) => `windows/${language}/${templateFileName(browser)}.adml`),
        ]),
      ].sort(),
    );
    for (const [path, content] of Object.entries(pack)) await expect(content).toMatchFileSnapshot(`../../docs/policy/${path}`);
  });

  it('windows.reg: Chrome and Edge read every key of the example from it, with the right registry types', () => {
    const keys = readRegistryFile(text('docs/policy/windows.reg'));
    expect([...keys.keys()]).toEqual(TEMPLATE_BROWSERS.map((browser) => `HKEY_LOCAL_MACHINE\\${policyRegistryKey(browser)}`));
    for (const values of keys.values()) {
      const policy = Object.fromEntries([...values].map(([name, data]) => [name, registryToPolicy(data, schema.properties[name]?.type ?? 'string')]));
      expect(policyProblems(policy)).toEqual([]);
      expect(parseManagedPolicy(policy).policy).toEqual(parseManagedPolicy(example).policy);
    }
    // ASCII only: regedit reads a version 5 file without a byte-order mark as ANSI.
    expect(text('docs/policy/windows.reg')).toMatch(/^[\x20-\x7e\r\n]*$/);
  });

  it('the macOS profile: both browsers get every key, force-install and a pinned button', () => {
    const profile = readPlist(text('docs/policy/macos/consent-guard.mobileconfig')) as Record<string, PlistValue>;
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadScope: 'System' });
    const payloads = profile.PayloadContent as Record<string, PlistValue>[];
    expect(payloads.map((payload) => payload.PayloadType)).toEqual([
      `com.google.Chrome.extensions.${CHROME_ID_PLACEHOLDER}`,
      `com.microsoft.Edge.extensions.${EDGE_ID_PLACEHOLDER}`,
      'com.google.Chrome',
      'com.microsoft.Edge',
    ]);
    const uuids = [profile.PayloadUUID, ...payloads.map((payload) => payload.PayloadUUID)];
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const uuid of uuids) expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    for (const payload of payloads.slice(0, 2)) {
      const policy = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
      expect(policyProblems(policy)).toEqual([]);
      expect(parseManagedPolicy(policy).policy).toEqual(parseManagedPolicy(example).policy);
    }
    expect(payloads[2]!.ExtensionSettings).toEqual({
      [CHROME_ID_PLACEHOLDER]: {
        installation_mode: 'force_installed',
        update_url: 'https://clients2.google.com/service/update2/crx',
        toolbar_pin: 'force_pinned',
      },
    });
    expect(payloads[3]!.ExtensionSettings).toEqual({
      [EDGE_ID_PLACEHOLDER]: {
        installation_mode: 'force_installed',
        update_url: 'https://edge.microsoft.com/extensionwebstorebase/v1/crx',
        toolbar_state: 'force_shown',
      },
    });
  });

  it('force-install: the Linux policy files and the Windows .reg install from the stores and pin the button', () => {
    const chrome = read('docs/policy/force-install/chrome-linux.json').ExtensionSettings[CHROME_ID_PLACEHOLDER];
    const edge = read('docs/policy/force-install/edge-linux.json').ExtensionSettings[EDGE_ID_PLACEHOLDER];
    expect(chrome).toMatchObject({ installation_mode: 'force_installed', toolbar_pin: 'force_pinned' });
    expect(edge).toMatchObject({ installation_mode: 'force_installed', toolbar_state: 'force_shown' });
    const registry = readRegistryFile(text('docs/policy/force-install/windows.reg'));
    const settings = (key: string) => {
      const value = registry.get(key)?.get('ExtensionSettings');
      return value?.type === 'sz' ? JSON.parse(value.value) : null;
    };
    expect(settings('HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome')).toEqual({ [CHROME_ID_PLACEHOLDER]: chrome });
    expect(settings('HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Edge')).toEqual({ [EDGE_ID_PLACEHOLDER]: edge });
  });
});

/** What the Group Policy editor would refuse or mis-set in one browser's ADMX and its ADML files. */
function templateProblems(browser: TemplateBrowser, admxText: string, admlTexts: Record<string, string>): string[] {
  const problems: string[] = [];
  const admx = parseXml(admxText);
  const key = policyRegistryKey(browser);
  const policies = elements(admx, 'policy');
  const names = policies.map((policy) => policy.attribs.name ?? '');
  for (const missing of ALL_KEYS.filter((name) => !names.includes(name))) problems.push(`${missing}: no policy`);
  for (const unknown of names.filter((name) => !ALL_KEYS.includes(name))) problems.push(`${unknown}: not a key the extension knows`);
  const elementIds = new Set<string>();
  for (const policy of policies) {
    const name = policy.attribs.name ?? '';
    const property = schema.properties[name];
    if (!property) continue;
    if (policy.attribs.key !== key) problems.push(`${name}: writes to ${policy.attribs.key}`);
    const [elementsNode] = elements(policy, 'elements');
    const children = elementsNode ? childElements(elementsNode) : [];
    for (const child of children) elementIds.add(child.attribs.id ?? '');
    const [element] = children;
    if (property.type === 'boolean') {
      const on = elements(policy, 'enabledValue').flatMap((node) => elements(node, 'decimal'))[0]?.attribs.value;
      const off = elements(policy, 'disabledValue').flatMap((node) => elements(node, 'decimal'))[0]?.attribs.value;
      if (policy.attribs.valueName !== name || on !== '1' || off !== '0') problems.push(`${name}: not a 1/0 value named ${name}`);
      continue;
    }
    if (policy.attribs.presentation !== `$(presentation.${name})`) problems.push(`${name}: no presentation`);
    if (!element || children.length !== 1) {
      problems.push(`${name}: needs exactly one element`);
      continue;
    }
    if (property.type === 'array') {
      if (element.name !== 'list' || element.attribs.key !== `${key}\\${name}` || element.attribs.valuePrefix !== '')
        problems.push(`${name}: not a numbered list`);
    } else if (property.type === 'integer') {
      if (element.name !== 'decimal' || element.attribs.valueName !== name) problems.push(`${name}: not a number named ${name}`);
      for (const edge of [element.attribs.minValue, element.attribs.maxValue]) {
        if (parseManagedPolicy({ [name]: Number(edge) }).problems.length > 0) problems.push(`${name}: the editor allows ${edge}, the extension refuses it`);
      }
    } else if (property.enum) {
      const values = elements(element, 'string').map(textOf);
      if (element.name !== 'enum' || element.attribs.valueName !== name || values.join() !== property.enum.join())
        problems.push(`${name}: not the enum ${property.enum.join('|')}`);
    } else if (element.name !== 'text' || element.attribs.valueName !== name) problems.push(`${name}: not a text named ${name}`);
    else {
      // The text box takes no more than the extension accepts (a longer value would be set, then refused).
      const longest = Number(element.attribs.maxLength);
      const sample = (length: number) => (/Url$/.test(name) ? `https://a.example/${'a'.repeat(length - 18)}` : 'a'.repeat(length));
      if (parseManagedPolicy({ [name]: sample(longest) }).problems.length > 0)
        problems.push(`${name}: the editor allows ${longest} characters, the extension refuses them`);
    }
  }
  const stringRefs = new Set([...admxText.matchAll(/\$\(string\.([A-Za-z0-9_]+)\)/g)].map((match) => match[1]!));
  const presentationRefs = new Set([...admxText.matchAll(/\$\(presentation\.([A-Za-z0-9_]+)\)/g)].map((match) => match[1]!));
  for (const [language, admlText] of Object.entries(admlTexts)) {
    const adml = parseXml(admlText);
    const strings = new Map(elements(adml, 'string').map((node) => [node.attribs.id ?? '', textOf(node)]));
    const presentations = elements(adml, 'presentation');
    for (const id of stringRefs) if (!strings.get(id)?.trim()) problems.push(`${language}: no string ${id}`);
    for (const id of strings.keys()) if (!stringRefs.has(id)) problems.push(`${language}: unused string ${id}`);
    const presentationIds = new Set(presentations.map((node) => node.attribs.id ?? ''));
    for (const id of presentationRefs) if (!presentationIds.has(id)) problems.push(`${language}: no presentation ${id}`);
    for (const presentation of presentations) {
      for (const control of childElements(presentation)) {
        if (!elementIds.has(control.attribs.refId ?? '')) problems.push(`${language}: ${presentation.attribs.id} shows an element that does not exist`);
      }
    }
  }
  return problems;
}

describe('Group Policy templates (ADMX/ADML)', () => {
  const files = (browser: TemplateBrowser) => ({
    admx: text(`docs/policy/windows/${templateFileName(browser)}.admx`),
    adml: Object.fromEntries(TEMPLATE_LANGUAGES.map((language) => [language, text(`docs/policy/windows/${language}/${templateFileName(browser)}.adml`)])),
  });

  it.each(TEMPLATE_BROWSERS)('%s: one policy per key, of its type, in the extension policy key, with en-US and de-DE strings', (browser) => {
    const { admx, adml } = files(browser);
    expect(templateProblems(browser, admx, adml)).toEqual([]);
  });

  it('the checks fail for a policy left out, a key the extension does not know, a wrong type, a missing string and broken XML', () => {
    const { admx, adml } = files('chrome');
    const blockDanger = / {4}<policy name="blockDanger"[\s\S]*?<\/policy>\n/.exec(admx)![0];
    expect(templateProblems('chrome', admx.replace(blockDanger, ''), adml)).toContain('blockDanger: no policy');
    expect(templateProblems('chrome', admx.replace('name="blockDanger"', 'name="blockDangr"'), adml)).toEqual(
      expect.arrayContaining(['blockDanger: no policy', 'blockDangr: not a key the extension knows']),
    );
    expect(
      templateProblems('chrome', admx.replace('<text id="companyName" valueName="companyName"', '<decimal id="companyName" valueName="companyName"'), adml),
    ).toContain('companyName: not a text named companyName');
    expect(templateProblems('chrome', admx.replace(/(<text id="warningMessage"[^>]*maxLength=")\d+/, '$12000'), adml)).toContain(
      'warningMessage: the editor allows 2000 characters, the extension refuses them',
    );
    expect(templateProblems('chrome', admx, { ...adml, 'de-DE': adml['de-DE']!.replace(/<string id="warningMessage">[^<]*<\/string>/, '') })).toContain(
      'de-DE: no string warningMessage',
    );
    expect(() => templateProblems('chrome', admx.replace('</policies>', ''), adml)).toThrow(/not well-formed/);
  });

  it('the German strings are German, and the English titles are the schema titles', () => {
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(POLICY_TEMPLATE_TEXT['en-US'].keys[key]?.title, key).toBe(property.title);
      expect(POLICY_TEMPLATE_TEXT['de-DE'].keys[key]?.title, key).not.toBe(property.title);
    }
    const german = files('edge').adml['de-DE']!;
    expect(german).toContain('<string id="blockDanger">Wahrscheinliches Phishing sperren</string>');
    expect(german).toContain('Ein Eintrag pro Zeile.');
  });
});

/**
 * The pack as an admin's tooling reads it: every file parsed (JSON, regedit, XML), each key named in it with the
 * value type its consumer stores, checked against managed_schema.json. A problem names the file and the key.
 */
type SchemaType = 'string' | 'boolean' | 'integer' | 'array';
const PACK_FILES = [
  'docs/policy/chrome-edge-linux-macos.json',
  'docs/policy/firefox-policies.json',
  'docs/policy/windows.reg',
  'docs/policy/macos/consent-guard.mobileconfig',
  ...TEMPLATE_BROWSERS.flatMap((browser) => [
    `docs/policy/windows/${templateFileName(browser)}.admx`,
    ...TEMPLATE_LANGUAGES.map((language) => `docs/policy/windows/${language}/${templateFileName(browser)}.adml`),
  ]),
];

/** The plist element each schema type is stored as (Chromium's PropertyToValue): an array's items by their own type. */
const PLIST_ELEMENT: Record<SchemaType, readonly string[]> = { string: ['string'], boolean: ['true', 'false'], integer: ['integer'], array: ['array'] };
const PLIST_ITEM: Record<string, string> = { string: 'string', object: 'dict', integer: 'integer' };

/** What the Group Policy editor writes for a policy: REG_DWORD 1/0 (boolean), a REG_DWORD (decimal), a REG_SZ (text, enum), numbered values (list). */
function admxValueType(policy: Element): SchemaType | 'unknown' {
  if (elements(policy, 'enabledValue').length > 0 && elements(policy, 'disabledValue').length > 0) return 'boolean';
  const [node] = elements(policy, 'elements');
  const [element] = node ? childElements(node) : [];
  switch (element?.name) {
    case 'decimal':
      return 'integer';
    case 'text':
    case 'enum':
      return 'string';
    case 'list':
      return 'array';
    default:
      return 'unknown';
  }
}
type Element = ReturnType<typeof childElements>[number];

function packProblems(files: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const properties = schema.properties as Record<string, { type: SchemaType; items?: { type: string } }>;
  const keys = Object.keys(properties);
  const covers = (file: string, present: Iterable<string>, what = '') => {
    const names = new Set(present);
    for (const key of keys) if (!names.has(key)) problems.push(`${file}${what}: ${key} missing`);
  };
  for (const [file, content] of Object.entries(files)) {
    if (file.endsWith('chrome-edge-linux-macos.json')) covers(file, Object.keys(JSON.parse(content)['3rdparty'].extensions.EXTENSION_ID));
    else if (file.endsWith('firefox-policies.json'))
      for (const [id, policy] of Object.entries(JSON.parse(content).policies['3rdparty'].Extensions)) covers(file, Object.keys(policy as object), ` (${id})`);
    else if (file.endsWith('.reg')) {
      for (const [key, values] of readRegistryFile(content)) {
        covers(file, values.keys(), ` [${key}]`);
        for (const [name, data] of values) {
          const type = properties[name]?.type;
          const want = type === 'boolean' || type === 'integer' ? 'dword' : 'sz';
          if (type && data.type !== want) problems.push(`${file} [${key}]: ${name} is REG_${data.type.toUpperCase()}, the schema says ${type}`);
        }
      }
    } else if (file.endsWith('.mobileconfig')) {
      const [root] = elements(parseXml(content), 'plist').flatMap(childElements);
      const [content_] = root
        ? pairs(root)
            .filter(([key]) => key === 'PayloadContent')
            .map(([, value]) => value)
        : [];
      for (const payload of content_ ? childElements(content_) : []) {
        const entries = pairs(payload);
        const type = textOf(entries.find(([key]) => key === 'PayloadType')?.[1] ?? payload);
        if (!type.includes('.extensions.')) continue;
        covers(
          file,
          entries.map(([key]) => key),
          ` (${type})`,
        );
        for (const [key, value] of entries) {
          const property = properties[key];
          if (!property) continue;
          const items = property.type === 'array' ? [...new Set(childElements(value).map((item) => item.name))] : [];
          const wantItem = property.items ? PLIST_ITEM[property.items.type] : undefined;
          if (!PLIST_ELEMENT[property.type].includes(value.name ?? ''))
            problems.push(`${file} (${type}): ${key} is <${value.name}>, the schema says ${property.type}`);
          else if (items.some((item) => item !== wantItem))
            problems.push(`${file} (${type}): ${key} holds <${items.join('>, <')}>, the schema says ${property.items?.type} items`);
        }
      }
    } else if (file.endsWith('.admx')) {
      const admx = parseXml(content);
      const policies = elements(admx, 'policy');
      covers(
        file,
        policies.map((policy) => policy.attribs.name ?? ''),
      );
      for (const policy of policies) {
        const name = policy.attribs.name ?? '';
        const type = properties[name]?.type;
        const got = admxValueType(policy);
        if (type && got !== type) problems.push(`${file}: ${name} is stored as ${got}, the schema says ${type}`);
      }
      // References as the editor resolves them: $(string.X) and $(presentation.X) in the ADML of every language,
      // categories and supportedOn in the ADMX itself.
      const attributes = allElements(admx.children).flatMap((element) => Object.values(element.attribs));
      const refs = (kind: string) =>
        new Set(attributes.flatMap((value) => [...value.matchAll(new RegExp(`\\$\\(${kind}\\.([^)]+)\\)`, 'g'))].map((match) => match[1]!)));
      const defined = (tag: string) => new Set(elements(admx, tag).map((element) => element.attribs.name ?? ''));
      for (const [tag, refTag] of [
        ['category', 'parentCategory'],
        ['definition', 'supportedOn'],
      ] as const)
        for (const element of elements(admx, refTag))
          if (element.attribs.ref && !defined(tag).has(element.attribs.ref)) problems.push(`${file}: ${refTag} ${element.attribs.ref} is not defined`);
      for (const language of TEMPLATE_LANGUAGES) {
        const admlFile = file.replace(/\/([^/]+)\.admx$/, `/${language}/$1.adml`);
        const adml = files[admlFile];
        if (adml === undefined) continue;
        const document = parseXml(adml);
        const strings = new Set(
          elements(document, 'string')
            .filter((node) => textOf(node).trim() !== '')
            .map((node) => node.attribs.id ?? ''),
        );
        const presentations = new Set(elements(document, 'presentation').map((node) => node.attribs.id ?? ''));
        for (const id of refs('string')) if (!strings.has(id)) problems.push(`${admlFile}: $(string.${id}) does not resolve`);
        for (const id of refs('presentation')) if (!presentations.has(id)) problems.push(`${admlFile}: $(presentation.${id}) does not resolve`);
        covers(
          admlFile,
          [...strings].filter((id) => strings.has(`${id}_Explain`)),
        );
      }
    }
  }
  return problems;
}

/** A plist <dict>'s key/value pairs, as elements. */
function pairs(dict: Element): [string, Element][] {
  const children = childElements(dict);
  const result: [string, Element][] = [];
  for (let index = 0; index + 1 < children.length; index += 2) result.push([textOf(children[index]!), children[index + 1]!]);
  return result;
}

function allElements(nodes: readonly unknown[]): Element[] {
  return nodes.flatMap((node) => {
    const element = node as Element;
    return element.type === 'tag' ? [element, ...allElements(element.children)] : [];
  });
}

describe("the deployment pack as an admin's tooling reads it", () => {
  const files = Object.fromEntries(PACK_FILES.map((path) => [path, text(path)]));
  const chromeAdmx = `docs/policy/windows/${templateFileName('chrome')}.admx`;
  const chromeAdml = `docs/policy/windows/de-DE/${templateFileName('chrome')}.adml`;
  const mobileconfig = 'docs/policy/macos/consent-guard.mobileconfig';

  it('every file names every schema key, with the value type its consumer stores, and every ADMX reference resolves', () => {
    expect(packProblems(files)).toEqual([]);
  });

  it('a key missing from any file fails, naming the file and the key', () => {
    for (const [path, broken] of [
      ['docs/policy/chrome-edge-linux-macos.json', files['docs/policy/chrome-edge-linux-macos.json']!.replace('"webhookQueueSize"', '"webhookQueueSiz"')],
      ['docs/policy/firefox-policies.json', files['docs/policy/firefox-policies.json']!.replace('"webhookQueueSize"', '"webhookQueueSiz"')],
      ['docs/policy/windows.reg', files['docs/policy/windows.reg']!.replace('"webhookQueueSize"', '"webhookQueueSiz"')],
      [mobileconfig, files[mobileconfig]!.replace('<key>webhookQueueSize</key>', '<key>webhookQueueSiz</key>')],
      [chromeAdmx, files[chromeAdmx]!.replace('name="webhookQueueSize"', 'name="webhookQueueSiz"')],
      [chromeAdml, files[chromeAdml]!.replace('<string id="webhookQueueSize_Explain">', '<string id="webhookQueueSiz_Explain">')],
    ] as const) {
      expect(packProblems({ ...files, [path]: broken }).join('\n'), path).toMatch(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^:]*: webhookQueueSize missing$`, 'm'),
      );
    }
  });

  it('a value of the wrong type, an unresolved reference and broken XML fail', () => {
    const withFile = (path: string, from: string | RegExp, to: string) => packProblems({ ...files, [path]: files[path]!.replace(from, to) });
    expect(withFile(mobileconfig, /<key>webhookQueueSize<\/key>\s*<integer>(\d+)<\/integer>/, '<key>webhookQueueSize</key><string>$1</string>')).toContain(
      `${mobileconfig} (com.google.Chrome.extensions.${CHROME_ID_PLACEHOLDER}): webhookQueueSize is <string>, the schema says integer`,
    );
    expect(
      withFile(mobileconfig, /<key>blockedClientIds<\/key>\s*<array>\s*<dict>[\s\S]*?<\/dict>/, '<key>blockedClientIds</key><array><string>x</string>'),
    ).toContain(`${mobileconfig} (com.google.Chrome.extensions.${CHROME_ID_PLACEHOLDER}): blockedClientIds holds <string>, the schema says object items`);
    expect(withFile(mobileconfig, '<key>blockDanger</key>\n      <true/>', '<key>blockDanger</key><integer>1</integer>').join('\n')).toMatch(
      /blockDanger is <integer>, the schema says boolean/,
    );
    expect(withFile('docs/policy/windows.reg', /"blockDanger"=dword:0000000\d/, '"blockDanger"="1"')).toContain(
      `docs/policy/windows.reg [HKEY_LOCAL_MACHINE\\${policyRegistryKey('chrome')}]: blockDanger is REG_SZ, the schema says boolean`,
    );
    expect(withFile(chromeAdmx, /<decimal id="webhookQueueSize"/, '<text id="webhookQueueSize"')).toContain(
      `${chromeAdmx}: webhookQueueSize is stored as string, the schema says integer`,
    );
    expect(withFile(chromeAdmx, 'displayName="$(string.companyName)"', 'displayName="$(string.companyNam)"')).toContain(
      `docs/policy/windows/en-US/${templateFileName('chrome')}.adml: $(string.companyNam) does not resolve`,
    );
    expect(withFile(chromeAdmx, 'presentation="$(presentation.webhookUrl)"', 'presentation="$(presentation.webhookURL)"')).toContain(
      `${chromeAdml}: $(presentation.webhookURL) does not resolve`,
    );
    expect(withFile(chromeAdmx, '<parentCategory ref="ConsentGuard" />', '<parentCategory ref="ConsentGard" />')).toContain(
      `${chromeAdmx}: parentCategory ConsentGard is not defined`,
    );
    expect(() => withFile(mobileconfig, '</dict>', '')).toThrow(/not well-formed/);
  });
});

/**
 * The deployment pack (docs/policy/), generated: Group Policy templates (ADMX with en-US and de-DE ADML) for
 * Chrome and Edge from managed_schema.json, and from the example policy a macOS configuration profile, a
 * Windows .reg file and the force-install / toolbar-pin settings. Pure string building; the unit test
 * (test/unit/policy-templates.test.ts) compares every committed file with what this produces and reads each
 * file back the way its consumer would. Regenerate with `npm run policy-templates`.
 *
 * Where the browsers read an extension's policy (Chromium's policy loaders):
 * - Windows: `Software\Policies\<vendor>\3rdparty\extensions\<id>\policy` (HKLM or HKCU). REG_DWORD for booleans
 *   and integers, REG_SZ for strings, a list as a subkey of numbered values; a value that should be an object
 *   may be a JSON string (registry_dict.cc converts by the schema).
 * - macOS: the preference domain `com.google.Chrome.extensions.<id>` / `com.microsoft.Edge.extensions.<id>`,
 *   plist types as they are (policy_loader_mac.mm); a configuration profile makes them mandatory.
 */
import { POLICY_TEMPLATE_TEXT, type TemplateLanguage, type TemplateStrings } from './policy-template-text';
import { policyTextMaxLength } from './policy';

export interface SchemaProperty {
  readonly title: string;
  readonly description?: string;
  readonly type: 'string' | 'boolean' | 'integer' | 'array';
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: { readonly type: 'string' | 'object'; readonly properties?: Readonly<Record<string, { readonly type: string }>> };
}

export interface ManagedSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, SchemaProperty>>;
}

export type TemplateBrowser = 'chrome' | 'edge';
export const TEMPLATE_BROWSERS: readonly TemplateBrowser[] = ['chrome', 'edge'];
export const TEMPLATE_LANGUAGES: readonly TemplateLanguage[] = ['en-US', 'de-DE'];

/** Replaced by the admin with the extension's id (chrome://extensions, edge://extensions). */
export const EXTENSION_ID_PLACEHOLDER = 'EXTENSION_ID';
export const CHROME_ID_PLACEHOLDER = 'CHROME_EXTENSION_ID';
export const EDGE_ID_PLACEHOLDER = 'EDGE_EXTENSION_ID';

const BROWSERS = {
  chrome: {
    vendorKey: 'Software\\Policies\\Google\\Chrome',
    namespace: 'ConsentGuard.Policies.Chrome',
    macDomain: 'com.google.Chrome',
    updateUrl: 'https://clients2.google.com/service/update2/crx',
    // ExtensionSettings: Chrome pins with toolbar_pin, Edge shows with toolbar_state.
    toolbar: { toolbar_pin: 'force_pinned' },
  },
  edge: {
    vendorKey: 'Software\\Policies\\Microsoft\\Edge',
    namespace: 'ConsentGuard.Policies.Edge',
    macDomain: 'com.microsoft.Edge',
    updateUrl: 'https://edge.microsoft.com/extensionwebstorebase/v1/crx',
    toolbar: { toolbar_state: 'force_shown' },
  },
} as const;

/** The registry key Chrome or Edge reads the extension's mandatory policy from. */
export function policyRegistryKey(browser: TemplateBrowser, extensionId = EXTENSION_ID_PLACEHOLDER): string {
  return `${BROWSERS[browser].vendorKey}\\3rdparty\\extensions\\${extensionId}\\policy`;
}

export function templateFileName(browser: TemplateBrowser): string {
  return `consent-guard-${browser}`;
}

const xml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** ADML string ids: letters, digits and underscores. */
const stringId = (...parts: string[]) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');

type ElementKind = 'boolean' | 'text' | 'decimal' | 'enum' | 'list';

function elementKind(property: SchemaProperty): ElementKind {
  if (property.type === 'boolean') return 'boolean';
  if (property.type === 'integer') return 'decimal';
  if (property.type === 'array') return 'list';
  return property.enum ? 'enum' : 'text';
}

/** Longest text a text box takes where the parser sets no bound of its own: long enough for any https URL. */
const TEXT_MAX_LENGTH = 2000;

/** The ADMX (language-neutral) for one browser. */
export function admx(schema: ManagedSchema, browser: TemplateBrowser, extensionId = EXTENSION_ID_PLACEHOLDER): string {
  const key = policyRegistryKey(browser, extensionId);
  const policies = Object.entries(schema.properties).map(([name, property]) => {
    const kind = elementKind(property);
    const head =
      `    <policy name="${name}" class="Both" displayName="$(string.${name})" explainText="$(string.${stringId(name, 'Explain')})" key="${key}"` +
      (kind === 'boolean' ? ` valueName="${name}">` : ` presentation="$(presentation.${name})">`);
    const lines = [head, '      <parentCategory ref="ConsentGuard" />', '      <supportedOn ref="SUPPORTED_CONSENT_GUARD" />'];
    if (kind === 'boolean') {
      lines.push(
        '      <enabledValue>',
        '        <decimal value="1" />',
        '      </enabledValue>',
        '      <disabledValue>',
        '        <decimal value="0" />',
        '      </disabledValue>',
      );
    } else {
      lines.push('      <elements>');
      if (kind === 'text') lines.push(`        <text id="${name}" valueName="${name}" maxLength="${policyTextMaxLength(name) ?? TEXT_MAX_LENGTH}" />`);
      if (kind === 'decimal') {
        lines.push(`        <decimal id="${name}" valueName="${name}" minValue="${property.minimum ?? 0}" maxValue="${property.maximum ?? 2_000_000_000}" />`);
      }
      if (kind === 'list') lines.push(`        <list id="${name}" key="${key}\\${name}" valuePrefix="" />`);
      if (kind === 'enum') {
        lines.push(`        <enum id="${name}" valueName="${name}">`);
        for (const value of property.enum ?? []) {
          lines.push(
            `          <item displayName="$(string.${stringId(name, value)})">`,
            '            <value>',
            `              <string>${xml(value)}</string>`,
            '            </value>',
            '          </item>',
          );
        }
        lines.push('        </enum>');
      }
      lines.push('      </elements>');
    }
    lines.push('    </policy>');
    return lines.join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- Consent Guard: the extension's policy for ${browser === 'chrome' ? 'Google Chrome' : 'Microsoft Edge'}. Generated from managed_schema.json (npm run policy-templates); do not edit. -->`,
    '<policyDefinitions xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions" revision="1.0" schemaVersion="1.0">',
    '  <policyNamespaces>',
    `    <target prefix="consentguard" namespace="${BROWSERS[browser].namespace}" />`,
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0" />',
    '  <supportedOn>',
    '    <definitions>',
    '      <definition name="SUPPORTED_CONSENT_GUARD" displayName="$(string.SUPPORTED_CONSENT_GUARD)" />',
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    '    <category name="ConsentGuard" displayName="$(string.ConsentGuard)" explainText="$(string.ConsentGuard_Explain)" />',
    '  </categories>',
    '  <policies>',
    ...policies,
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');
}

/** The ADML (strings and presentations) for one browser and language. */
export function adml(
  schema: ManagedSchema,
  browser: TemplateBrowser,
  language: TemplateLanguage,
  text: TemplateStrings = POLICY_TEMPLATE_TEXT[language],
): string {
  const browserName = browser === 'chrome' ? 'Google Chrome' : 'Microsoft Edge';
  const strings: [string, string][] = [
    ['ConsentGuard', text.category(browserName)],
    ['ConsentGuard_Explain', text.categoryExplain(browserName)],
    ['SUPPORTED_CONSENT_GUARD', text.supportedOn(browserName)],
  ];
  const presentations: string[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    const own = text.keys[name];
    if (!own) throw new Error(`no ${language} text for the policy key ${name}`);
    const kind = elementKind(property);
    const hint =
      kind === 'list'
        ? property.items?.type === 'object'
          ? text.listOfObjectsHint
          : text.listHint
        : kind === 'decimal'
          ? text.rangeHint(property.minimum ?? 0, property.maximum ?? 2_000_000_000)
          : null;
    strings.push([name, own.title], [stringId(name, 'Explain'), [own.explain, hint, text.keyNote(name)].filter(Boolean).join('\n\n')]);
    for (const value of property.enum ?? []) strings.push([stringId(name, value), own.values?.[value] ?? value]);
    const label = xml(own.title);
    if (kind === 'text')
      presentations.push(
        `      <presentation id="${name}">\n        <textBox refId="${name}">\n          <label>${label}</label>\n        </textBox>\n      </presentation>`,
      );
    if (kind === 'decimal')
      presentations.push(`      <presentation id="${name}">\n        <decimalTextBox refId="${name}">${label}</decimalTextBox>\n      </presentation>`);
    if (kind === 'enum')
      presentations.push(
        `      <presentation id="${name}">\n        <dropdownList refId="${name}" noSort="true">${label}</dropdownList>\n      </presentation>`,
      );
    if (kind === 'list') presentations.push(`      <presentation id="${name}">\n        <listBox refId="${name}">${label}</listBox>\n      </presentation>`);
  }
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- Consent Guard (${browserName}), ${language}. Generated from managed_schema.json (npm run policy-templates); do not edit. -->`,
    '<policyDefinitionResources xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions" revision="1.0" schemaVersion="1.0">',
    `  <displayName>${xml(text.category(browserName))}</displayName>`,
    `  <description>${xml(text.categoryExplain(browserName))}</description>`,
    '  <resources>',
    '    <stringTable>',
    ...strings.map(([id, value]) => `      <string id="${id}">${xml(value)}</string>`),
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations,
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');
}

type PolicyValue = string | number | boolean | readonly PolicyValue[] | { readonly [key: string]: PolicyValue };
export type ExamplePolicy = Readonly<Record<string, PolicyValue>>;

/** ExtensionSettings that force-install the store build and keep its button on the toolbar. */
export function forceInstallSettings(browser: TemplateBrowser, extensionId: string): Record<string, Record<string, string>> {
  return { [extensionId]: { installation_mode: 'force_installed', update_url: BROWSERS[browser].updateUrl, ...BROWSERS[browser].toolbar } };
}

function plistValue(value: PolicyValue, indent: string): string[] {
  if (typeof value === 'boolean') return [`${indent}<${value}/>`];
  if (typeof value === 'number') return [`${indent}<integer>${value}</integer>`];
  if (typeof value === 'string') return [`${indent}<string>${xml(value)}</string>`];
  if (Array.isArray(value)) return [`${indent}<array>`, ...value.flatMap((item: PolicyValue) => plistValue(item, `${indent}  `)), `${indent}</array>`];
  return plistDict(value as Readonly<Record<string, PolicyValue>>, indent);
}

function plistDict(value: Readonly<Record<string, PolicyValue>>, indent: string): string[] {
  return [
    `${indent}<dict>`,
    ...Object.entries(value).flatMap(([key, item]) => [`${indent}  <key>${xml(key)}</key>`, ...plistValue(item, `${indent}  `)]),
    `${indent}</dict>`,
  ];
}

/** Fixed payload UUIDs: the profile is the same file every time it is generated (an MDM replaces it by identifier). */
const PAYLOAD_UUIDS = {
  profile: '5C0E2B9A-3D1F-4C47-9E2A-6B8D0F1A2C3E',
  chromePolicy: '8E4B1C2D-7A6F-4B3E-9D0C-1F2A3B4C5D6E',
  edgePolicy: '2A9F8E7D-6C5B-4A3E-8D1C-0B9A8F7E6D5C',
  chromeInstall: '4D3C2B1A-0F9E-4D8C-B7A6-5F4E3D2C1B0A',
  edgeInstall: '7F6E5D4C-3B2A-4190-8F7E-6D5C4B3A2918',
} as const;

/** A macOS configuration profile: the policy for both browsers, and their force-install and toolbar settings. */
export function mobileconfig(policy: ExamplePolicy, organization: string): string {
  const payload = (type: string, name: string, uuid: string, content: Readonly<Record<string, PolicyValue>>) => ({
    PayloadType: type,
    PayloadIdentifier: `com.consent-guard.profile.${uuid}`,
    PayloadUUID: uuid,
    PayloadVersion: 1,
    PayloadEnabled: true,
    PayloadDisplayName: name,
    ...content,
  });
  const profile: Record<string, PolicyValue> = {
    PayloadContent: [
      payload(`${BROWSERS.chrome.macDomain}.extensions.${CHROME_ID_PLACEHOLDER}`, 'Consent Guard policy (Google Chrome)', PAYLOAD_UUIDS.chromePolicy, policy),
      payload(`${BROWSERS.edge.macDomain}.extensions.${EDGE_ID_PLACEHOLDER}`, 'Consent Guard policy (Microsoft Edge)', PAYLOAD_UUIDS.edgePolicy, policy),
      payload(BROWSERS.chrome.macDomain, 'Consent Guard: install and pin (Google Chrome)', PAYLOAD_UUIDS.chromeInstall, {
        ExtensionSettings: forceInstallSettings('chrome', CHROME_ID_PLACEHOLDER),
      }),
      payload(BROWSERS.edge.macDomain, 'Consent Guard: install and pin (Microsoft Edge)', PAYLOAD_UUIDS.edgeInstall, {
        ExtensionSettings: forceInstallSettings('edge', EDGE_ID_PLACEHOLDER),
      }),
    ],
    PayloadDescription: `Consent Guard for ${organization}: installs the extension in Google Chrome and Microsoft Edge, keeps its button on the toolbar and sets its policy.`,
    PayloadDisplayName: 'Consent Guard',
    PayloadIdentifier: 'com.consent-guard.profile',
    PayloadOrganization: organization,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: PAYLOAD_UUIDS.profile,
    PayloadVersion: 1,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plistDict(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}

const regString = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const dword = (value: number) => `dword:${value.toString(16).padStart(8, '0')}`;

/** A .reg file setting the policy for Chrome and Edge (booleans and integers as REG_DWORD, lists and objects as JSON strings). */
export function registryFile(policy: ExamplePolicy): string {
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    '; Consent Guard policy for Google Chrome and Microsoft Edge (generated from docs/policy/chrome-edge-linux-macos.json: npm run policy-templates).',
    `; Replace ${EXTENSION_ID_PLACEHOLDER} with the id shown on chrome://extensions or edge://extensions (the Edge Add-ons id differs from the Chrome Web Store id).`,
    "; Booleans and numbers are REG_DWORD; lists are REG_SZ holding JSON, which Chrome and Edge convert by the extension's managed_schema.json.",
    '; HKEY_CURRENT_USER works too (per-user policy). The ADMX templates in docs/policy/windows/ set the same values through Group Policy.',
  ];
  for (const browser of TEMPLATE_BROWSERS) {
    lines.push('', `[HKEY_LOCAL_MACHINE\\${policyRegistryKey(browser)}]`);
    for (const [name, value] of Object.entries(policy)) {
      const data =
        typeof value === 'boolean'
          ? dword(value ? 1 : 0)
          : typeof value === 'number'
            ? dword(value)
            : regString(typeof value === 'string' ? value : JSON.stringify(value));
      lines.push(`${regString(name)}=${data}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A .reg file force-installing the store builds and keeping the button on the toolbar (ExtensionSettings is a JSON string). */
export function forceInstallRegistryFile(): string {
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `; Force-installs Consent Guard from the Chrome Web Store and Edge Add-ons and keeps its button on the toolbar.`,
    `; Replace ${CHROME_ID_PLACEHOLDER} and ${EDGE_ID_PLACEHOLDER} with the store ids. If ExtensionSettings is already set, merge these entries into it:`,
    '; the value replaces any earlier ExtensionSettings.',
  ];
  for (const browser of TEMPLATE_BROWSERS) {
    const id = browser === 'chrome' ? CHROME_ID_PLACEHOLDER : EDGE_ID_PLACEHOLDER;
    lines.push(
      '',
      `[HKEY_LOCAL_MACHINE\\${BROWSERS[browser].vendorKey}]`,
      `"ExtensionSettings"=${regString(JSON.stringify(forceInstallSettings(browser, id)))}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Linux managed-policy JSON (/etc/opt/chrome/policies/managed/, /etc/opt/edge/policies/managed/) that force-installs and pins. */
export function forceInstallJson(browser: TemplateBrowser): string {
  const id = browser === 'chrome' ? CHROME_ID_PLACEHOLDER : EDGE_ID_PLACEHOLDER;
  return `${JSON.stringify({ ExtensionSettings: forceInstallSettings(browser, id) }, null, 2)}\n`;
}

/** Every generated file of the deployment pack, by its path under docs/policy/. */
export function deploymentPack(schema: ManagedSchema, example: ExamplePolicy, organization: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const browser of TEMPLATE_BROWSERS) {
    files[`windows/${templateFileName(browser)}.admx`] = admx(schema, browser);
    for (const language of TEMPLATE_LANGUAGES) files[`windows/${language}/${templateFileName(browser)}.adml`] = adml(schema, browser, language);
    files[`force-install/${browser}-linux.json`] = forceInstallJson(browser);
  }
  files['windows.reg'] = registryFile(example);
  files['force-install/windows.reg'] = forceInstallRegistryFile();
  files['macos/consent-guard.mobileconfig'] = mobileconfig(example, organization);
  return files;
}

/**
 * Reading the deployment pack back the way its consumers do: XML (htmlparser2 in XML mode, with a check that
 * every element is closed where it should be, which htmlparser2 itself forgives), property lists (macOS) and
 * .reg files (regedit), converted to policy values by the rules Chromium's loaders apply.
 */
import { DomUtils, Parser, parseDocument } from 'htmlparser2';

type Document = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];

/** The document, or an exception naming the first place it is not well-formed. */
export function parseXml(text: string): Document {
  const open: { name: string; selfClosing: boolean }[] = [];
  const problems: string[] = [];
  const parser: Parser = new Parser(
    {
      onopentag: (name) => open.push({ name, selfClosing: text.slice(parser.startIndex, parser.endIndex + 1).endsWith('/>') }),
      onclosetag: (name, isImplied) => {
        const expected = open.pop();
        // htmlparser2 closes what it must by itself ("implied"); in XML only <x /> may close that way.
        if (expected?.name !== name || (isImplied && !expected.selfClosing)) problems.push(`<${expected?.name ?? '?'}> closed by </${name}>`);
      },
      onerror: (error) => problems.push(error.message),
    },
    { xmlMode: true },
  );
  parser.end(text);
  if (open.length > 0) problems.push(`never closed: ${open.map((element) => element.name).join(', ')}`);
  const roots = text.replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '').match(/<[A-Za-z]/g) ?? [];
  if (roots.length === 0) problems.push('no element');
  if (problems.length > 0) throw new Error(`not well-formed XML: ${problems.join('; ')}`);
  return parseDocument(text, { xmlMode: true, decodeEntities: true });
}

export function elements(root: Document | Element, name: string): Element[] {
  return DomUtils.findAll((element) => element.name === name, root.children);
}

export function childElements(element: Element): Element[] {
  return element.children.filter((child): child is Element => child.type === 'tag');
}

export function textOf(element: Element): string {
  return DomUtils.textContent(element);
}

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

/** A property list as macOS reads it (the types Chromium's PropertyToValue converts). */
export function readPlist(text: string): PlistValue {
  const document = parseXml(text);
  const [plist] = elements(document, 'plist');
  const [root] = plist ? childElements(plist) : [];
  if (!root) throw new Error('no plist value');
  return plistValue(root);
}

function plistValue(element: Element): PlistValue {
  switch (element.name) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'integer': {
      const value = textOf(element).trim();
      if (!/^-?\d+$/.test(value)) throw new Error(`not an integer: ${value}`);
      return Number(value);
    }
    case 'string':
      return textOf(element);
    case 'array':
      return childElements(element).map(plistValue);
    case 'dict': {
      const children = childElements(element);
      const result: Record<string, PlistValue> = {};
      for (let index = 0; index < children.length; index += 2) {
        const key = children[index];
        const value = children[index + 1];
        if (key?.name !== 'key' || !value) throw new Error('a dict must alternate <key> and a value');
        result[textOf(key)] = plistValue(value);
      }
      return result;
    }
    default:
      throw new Error(`not a plist type: <${element.name}>`);
  }
}

export type RegistryValue = { readonly type: 'dword'; readonly value: number } | { readonly type: 'sz'; readonly value: string };

/** A .reg file (Windows Registry Editor 5.00) as regedit imports it: key → value name → data. */
export function readRegistryFile(text: string): Map<string, Map<string, RegistryValue>> {
  const lines = text.split(/\r\n/);
  if (lines[0] !== 'Windows Registry Editor Version 5.00') throw new Error('missing the regedit header');
  if (/[^\r\n]\n/.test(text)) throw new Error('regedit expects CRLF line ends');
  const keys = new Map<string, Map<string, RegistryValue>>();
  let current: Map<string, RegistryValue> | null = null;
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith(';')) continue;
    const key = /^\[([^\]]+)\]$/.exec(line);
    if (key) {
      current = new Map();
      keys.set(key[1]!, current);
      continue;
    }
    const value = /^"((?:[^"\\]|\\.)*)"=(?:dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")$/.exec(line);
    if (!value || !current) throw new Error(`not a registry value line: ${line}`);
    const unescape = (raw: string) => raw.replace(/\\(.)/g, '$1');
    current.set(
      unescape(value[1]!),
      value[2] !== undefined ? { type: 'dword', value: parseInt(value[2], 16) } : { type: 'sz', value: unescape(value[3] ?? '') },
    );
  }
  return keys;
}

/**
 * Registry data to a policy value by the schema type, as Chromium's registry_dict.cc does: booleans and integers
 * from REG_DWORD, lists and objects from a JSON string, strings as they are. Anything else is not converted.
 */
export function registryToPolicy(data: RegistryValue, schemaType: string): unknown {
  if (schemaType === 'boolean' && data.type === 'dword') return data.value !== 0;
  if (schemaType === 'integer' && data.type === 'dword') return data.value;
  if (schemaType === 'string' && data.type === 'sz') return data.value;
  if ((schemaType === 'array' || schemaType === 'object') && data.type === 'sz') {
    const parsed: unknown = JSON.parse(data.value);
    return (schemaType === 'array') === Array.isArray(parsed) ? parsed : undefined;
  }
  return undefined;
}

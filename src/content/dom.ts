/**
 * DOM reads that a page cannot redirect. DOM clobbering (`<img name="title">`, `<form><input
 * name="action">`) shadows built-ins with *own* properties of the document or form; we skip own
 * properties and take getters and methods from the prototype chain, which a page cannot change in the
 * content script's isolated world.
 */
import { INVISIBLE } from '../core/reading';

function fromPrototype(target: object, name: string): PropertyDescriptor | undefined {
  for (let proto = Object.getPrototypeOf(target); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return descriptor;
  }
  return undefined;
}

function read<T>(target: object, name: string): T | undefined {
  const descriptor = fromPrototype(target, name);
  if (descriptor?.get) return descriptor.get.call(target) as T;
  return descriptor?.value as T | undefined;
}

function call<T>(target: object, name: string, ...args: unknown[]): T {
  const method = fromPrototype(target, name)?.value as ((...rest: unknown[]) => T) | undefined;
  if (typeof method !== 'function') throw new TypeError(`no ${name}`);
  return method.apply(target, args);
}

export function all(root: Document | Element, selector: string): Element[] {
  return Array.from(call<NodeListOf<Element>>(root, 'querySelectorAll', selector));
}

export const within = all;

export function first(root: Document | Element, selector: string): Element | null {
  return call<Element | null>(root, 'querySelector', selector);
}

export function attribute(element: Element, name: string): string | null {
  return call<string | null>(element, 'getAttribute', name);
}

export function documentTitle(doc: Document): string {
  return String(read<string>(doc, 'title') ?? '');
}

export function baseUri(doc: Document): string {
  const root = read<Element | null>(doc, 'documentElement') ?? doc;
  return String(read<string>(root, 'baseURI') ?? doc.URL);
}

/**
 * Text of an element, whitespace collapsed, cut to `max` characters. Invisible characters go first: a zero-width
 * no-break space is whitespace to a regex, and collapsing it would split a word no reader sees split.
 */
export function text(element: Element, max = 300): string {
  const raw = read<string | null>(element, 'textContent') ?? '';
  return raw
    .slice(0, max * 4)
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/**
 * The one platform API src/core may use: the WHATWG URL parser. Every runtime core runs in has it
 * (the service worker, the content script, Node for the CLI), and parsing URLs the way the browser
 * does is core's job. Declared here, for tsconfig.core.json only, with just the members a pure
 * analyzer needs, so anything else from the DOM or Node fails to type-check there. The full
 * projects get URL from lib.dom instead (this file is not part of tsconfig.json).
 */

interface URLSearchParams {
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
  entries(): IterableIterator<[string, string]>;
  forEach(callback: (value: string, name: string, parent: URLSearchParams) => void): void;
  toString(): string;
  [Symbol.iterator](): IterableIterator<[string, string]>;
}

declare var URLSearchParams: {
  prototype: URLSearchParams;
  new (init?: string | Record<string, string> | [string, string][] | URLSearchParams): URLSearchParams;
};

interface URL {
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  readonly searchParams: URLSearchParams;
  username: string;
  toString(): string;
  toJSON(): string;
}

declare var URL: {
  prototype: URL;
  new (url: string | URL, base?: string | URL): URL;
  canParse(url: string | URL, base?: string | URL): boolean;
};

/*
 * Two more standard APIs every runtime of core has (the service worker, the content script, Node 16+), for
 * reading links wrapped by mail security (src/core/unwrap.ts: Proofpoint v3 carries base64url UTF-8).
 */
declare function atob(data: string): string;

interface TextDecoder {
  decode(input?: Uint8Array): string;
}

declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};

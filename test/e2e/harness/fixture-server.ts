/**
 * A loopback fixture server that answers for real hostnames (Chromium maps them here with
 * --host-resolver-rules). One port speaks both TLS and plain HTTP, so tests can load the same host
 * over https and http: the first byte of a connection (0x16, a TLS handshake) tells which.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RecordedRequest {
  readonly method: string;
  readonly host: string;
  readonly url: string;
  readonly secure: boolean;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface FixtureRequest extends RecordedRequest {
  readonly pathname: string;
  readonly query: URLSearchParams;
}

export type RouteResult =
  | { status?: number; headers?: Record<string, string>; body?: string }
  /** Sends the headers and `stream`, then keeps the connection open without ending the response (a page that never finishes). */
  | { status?: number; headers?: Record<string, string>; stream: string }
  | 'stall'
  | 'cut'
  /** Closes the connection without a word, as a server that is down behind a load balancer does. */
  | 'drop';
/** A route answers a request it recognises and returns undefined otherwise. */
export type Route = (request: FixtureRequest) => RouteResult | undefined | Promise<RouteResult | undefined>;

export interface FixtureServer {
  readonly port: number;
  /** base64 SHA-256 of the certificate's public key, for --ignore-certificate-errors-spki-list. */
  readonly spkiHash: string;
  readonly requests: RecordedRequest[];
  /** Routes added by a test run before the defaults; removed again by reset(). */
  use(route: Route): void;
  reset(): void;
  close(): Promise<void>;
}

function makeCertificate(): { key: Buffer; cert: Buffer; spkiHash: string } {
  const directory = mkdtempSync(path.join(tmpdir(), 'consent-guard-cert-'));
  try {
    const keyPath = path.join(directory, 'key.pem');
    const certPath = path.join(directory, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=consent-guard-fixtures',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    );
    const cert = readFileSync(certPath);
    const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    return { key: readFileSync(keyPath), cert, spkiHash: createHash('sha256').update(spki).digest('base64') };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function startFixtureServer(defaultRoutes: readonly Route[]): Promise<FixtureServer> {
  const { key, cert, spkiHash } = makeCertificate();
  const requests: RecordedRequest[] = [];
  let testRoutes: Route[] = [];
  const openSockets = new Set<net.Socket>();

  const handle = (secure: boolean) => async (incoming: http.IncomingMessage, response: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const host = (incoming.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(incoming.url ?? '/', `${secure ? 'https' : 'http'}://${host || 'localhost'}`);
    const recorded: RecordedRequest = {
      method: incoming.method ?? 'GET',
      host,
      url: url.href,
      secure,
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const request: FixtureRequest = { ...recorded, pathname: url.pathname, query: url.searchParams };
    for (const route of [...testRoutes, ...defaultRoutes]) {
      const result = await route(request);
      if (result === undefined) continue;
      if (result === 'stall') return; // never answers: the client's timeout must fire
      if (result === 'drop') {
        incoming.socket.destroy();
        return;
      }
      if (result === 'cut') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"count": 3, "value": [{"authorization"');
        incoming.socket.destroy();
        return;
      }
      response.writeHead(result.status ?? 200, { 'cache-control': 'no-store', ...result.headers });
      if ('stream' in result) {
        response.write(result.stream);
        return; // never ended: the browser keeps parsing a document that never finishes
      }
      response.end(result.body ?? '');
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end(`no fixture for ${url.href}`);
  };

  // The handlers answer every request themselves, errors included; node ignores the promise they return.
  const httpsServer = https.createServer({ key, cert }, (request, response) => void handle(true)(request, response));
  const httpServer = http.createServer((request, response) => void handle(false)(request, response));
  // A browser without host-resolver rules (Firefox) uses the server as its proxy: plain requests arrive in
  // absolute form, HTTPS ones as a CONNECT tunnel, which the HTTPS server then answers as the named host.
  httpServer.on('connect', (_request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    httpsServer.emit('connection', socket);
  });
  const front = net.createServer((socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
    socket.once('readable', () => {
      const first: Buffer | null = socket.read(1);
      if (first === null) return;
      socket.unshift(first);
      (first[0] === 0x16 ? httpsServer : httpServer).emit('connection', socket);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const port = (front.address() as net.AddressInfo).port;

  return {
    port,
    spkiHash,
    requests,
    use: (route) => {
      testRoutes.push(route);
    },
    reset: () => {
      testRoutes = [];
      requests.length = 0;
    },
    close: async () => {
      for (const socket of openSockets) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      httpsServer.close();
      httpServer.close();
    },
  };
}

/** Serves an HTML file from test/e2e/pages for one host and path (the query is ignored). */
export function page(host: string, pathname: string | RegExp, file: string): Route {
  const body = readFileSync(new URL(`../pages/${file}`, import.meta.url), 'utf8');
  return (request) => {
    if (request.host !== host) return undefined;
    const matches = typeof pathname === 'string' ? request.pathname === pathname : pathname.test(request.pathname);
    return matches ? { headers: { 'content-type': 'text/html; charset=utf-8' }, body } : undefined;
  };
}

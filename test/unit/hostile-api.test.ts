/**
 * Hostile API responses for the authorization manager: whatever comes back (or doesn't), the client
 * returns a typed result, never throws, never claims a revoke that did not happen.
 */
import { describe, expect, it } from 'vitest';
import { createDelegatedAuthClient, type DelegatedAuthClient } from '../../src/manager/api/client';
import { manyAuthorizations, sampleAuthorizations } from '../e2e/harness/fake-ado-api';
import { attack } from '../hostile/attack-log';

const ID = '11111111-1111-4111-8111-111111111111';
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

function clientWith(
  respond: (attempt: number, init: RequestInit) => Response | Promise<Response>,
  timeoutMs = 1000,
): { client: DelegatedAuthClient; calls: () => number } {
  let calls = 0;
  let time = 0;
  const client = createDelegatedAuthClient({
    fetch: async (_input: RequestInfo | URL, init?: RequestInit) => respond(++calls, init ?? {}),
    baseUrl: 'https://app.vssps.visualstudio.com',
    apiVersion: '5.0',
    auth: { kind: 'session' },
    timeoutMs,
    sleep: async (ms) => {
      time += ms;
    },
    now: () => time,
  });
  return { client, calls: () => calls };
}

const listOf = (value: unknown) => ({ count: Array.isArray(value) ? value.length : 0, value });
const valid = sampleAuthorizations()[0];

describe('hostile list responses', () => {
  const shapes: [string, unknown][] = [
    ['a list that is a string', { count: 1, value: 'all of them' }],
    ['an authorization id that is a number', listOf([{ ...valid, authorization: { ...valid?.authorization, authorizationId: 42 } }])],
    ['an entry without its authorization', listOf([{ clientRegistration: valid?.clientRegistration }])],
    ['isValid as a string', listOf([{ ...valid, authorization: { ...valid?.authorization, isValid: 'yes' } }])],
    ['a date that is not a date', listOf([{ ...valid, authorization: { ...valid?.authorization, validTo: 'tomorrow-ish' } }])],
    ['null at the top', null],
    ['an array at the top', [valid]],
  ];
  for (const [name, body] of shapes) {
    it(`reports ${name} as not understood`, async () => {
      await attack('api', `list: ${name}`, async () => {
        const result = await clientWith(() => json(body)).client.list();
        expect(result).toMatchObject({ ok: false, error: { kind: 'unexpected-shape' } });
      });
    });
  }

  it('accepts extra fields it does not know', async () => {
    await attack('api', 'list: extra fields everywhere', async () => {
      const entry = { ...valid, surprise: { deeply: ['nested'] }, authorization: { ...valid?.authorization, futureField: 1 } };
      const result = await clientWith(() => json({ ...listOf([entry]), continuation: 'x' })).client.list();
      expect(result.ok && result.value).toHaveLength(1);
    });
  });

  it('handles a list of 10,000 authorizations', async () => {
    await attack('api', 'list: 10,000 entries', async () => {
      const result = await clientWith(() => json(listOf(manyAuthorizations(10_000)))).client.list();
      expect(result.ok && result.value.length).toBe(10_000);
    });
    // Parsing 10,000 entries takes seconds on a busy machine; the deadline is for the machine, not a budget.
  }, 30_000);

  it('treats HTML with status 200 as signed out, not as data', async () => {
    await attack('api', 'list: HTML page with 200', async () => {
      const result = await clientWith(
        () =>
          new Response('<html><form action="https://login.microsoftonline.com">Sign in</form></html>', {
            status: 200,
            headers: { 'content-type': 'text/html' },
          }),
      ).client.list();
      expect(result).toMatchObject({ ok: false, error: { kind: 'signed-out' } });
    });
  });

  it('does not follow a redirect to another host', async () => {
    await attack('api', 'list: redirect to another host', async () => {
      let redirectMode: RequestRedirect | undefined;
      const { client } = clientWith((_attempt, init) => {
        redirectMode = init.redirect;
        return new Response(null, { status: 302, headers: { location: 'https://evil.example/collect' } });
      });
      const result = await client.list();
      expect(redirectMode).toBe('manual');
      expect(result).toMatchObject({ ok: false, error: { kind: 'signed-out' } });
    });
  });

  it('gives up on a stalled response with a timeout', async () => {
    await attack('api', 'list: stalled response', async () => {
      const stalled = (_attempt: number, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      const result = await clientWith(stalled, 50).client.list();
      expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    });
  });

  it('survives a 429 storm with a bounded number of attempts', async () => {
    await attack('api', 'list: endless 429s', async () => {
      const { client, calls } = clientWith(() => json({ message: 'slow down' }, 429, { 'retry-after': '2' }));
      const result = await client.list();
      expect(result).toMatchObject({ ok: false, error: { kind: 'throttled' } });
      expect(calls()).toBeLessThanOrEqual(4);
    });
  });

  it('reports a connection cut mid-response as a network failure', async () => {
    await attack('api', 'list: connection cut mid-body', async () => {
      const cut = () => {
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"count": 3, "value": [{"authorization"'));
            controller.error(new TypeError('network error'));
          },
        });
        return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
      };
      const result = await clientWith(cut).client.list();
      expect(result).toMatchObject({ ok: false, error: { kind: 'network' } });
    });
  });

  it('keeps a hostile server message as bounded plain text', async () => {
    await attack('api', 'list: 403 with a huge message full of control characters', async () => {
      const message = `\u001b[2J<script>alert(1)</script>${'x'.repeat(10_000)}`;
      const result = await clientWith(() => json({ message }, 403)).client.list();
      expect(result.ok).toBe(false);
      if (!result.ok && result.error.kind === 'forbidden') {
        expect(result.error.message?.length).toBeLessThanOrEqual(300);
        expect(result.error.message).not.toMatch(/\u001b/);
      } else throw new Error('expected forbidden');
    });
  });
});

describe('hostile revoke responses never report a revoke that did not happen', () => {
  const answers: [string, () => Response | Promise<Response>][] = [
    ['a sign-in page with 200', () => new Response('<html>Sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['a 203 sign-in page', () => new Response('<html>Sign in</html>', { status: 203, headers: { 'content-type': 'text/html' } })],
    ['a redirect', () => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } })],
    ['a 500 every time', () => json({ message: 'boom' }, 500)],
    ['a 400 AccessDenied', () => json({ message: 'TF400813: not yours', typeKey: 'AccessDeniedException' }, 400)],
    ['a network failure', () => Promise.reject(new TypeError('failed to fetch'))],
  ];
  for (const [name, answer] of answers) {
    it(`${name} is a failure`, async () => {
      await attack('api', `revoke: ${name}`, async () => {
        const result = await clientWith(answer).client.revoke(ID);
        expect(result.ok).toBe(false);
      });
    });
  }

  it('refuses an id that is not a GUID without sending anything', async () => {
    await attack('api', 'revoke: id with a query injection', async () => {
      const { client, calls } = clientWith(() => json({}));
      const result = await client.revoke(`${ID}&authorizationId=22222222-2222-4222-8222-222222222222`);
      expect(result.ok).toBe(false);
      expect(calls()).toBe(0);
    });
  });
});

// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Banner } from '../../src/content/banner/Banner';
import { HOST_ATTRIBUTE, mountBanner } from '../../src/content/banner/mount';
import type { PageView } from '../../src/messaging/page-view';
import { speak } from './browser-language';

function view(overrides: Partial<PageView> = {}): PageView {
  return {
    verdict: 'warn',
    requestKey: '0123456789abcdef',
    url: 'https://app.vssps.visualstudio.com/oauth2/authorize?scope=vso.code_write',
    host: { name: 'app.vssps.visualstudio.com', unicode: 'app.vssps.visualstudio.com', trusted: true, imitates: null },
    flow: 'azure-devops-oauth',
    fromTrackedFlow: false,
    findings: [{ id: 'high-privilege-scopes', severity: 'warn', message: 'The app asks for powerful access: Code (read and write).' }],
    scopes: [
      {
        id: 'vso.code_write',
        title: 'Code (read and write)',
        resource: 'azure-devops',
        tier: 'high',
        highPrivilege: true,
        canDo: 'Push commits and create branches.',
        attackerUse: 'Push a backdoor into your code.',
      },
      { id: 'vso.mystery', title: 'vso.mystery', resource: 'azure-devops', tier: 'unknown', highPrivilege: false, canDo: null, attackerUse: null },
    ],
    includes: [{ id: 'vso.code', title: 'Code (read)' }],
    pageClaims: { appName: null, publisher: null },
    dismissed: false,
    ...overrides,
  };
}

afterEach(() => {
  cleanup();
  document.documentElement.querySelectorAll(`[${HOST_ATTRIBUTE}]`).forEach((host) => host.remove());
});

describe('Banner component', () => {
  it('announces itself as an alert and lists each scope with its tier, explanation and what it includes', () => {
    render(<Banner view={view()} onLeave={() => undefined} onDismiss={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Check this request before you approve it');
    expect(alert.textContent).toContain('High risk');
    expect(alert.textContent).toContain('Code (read and write)');
    expect(alert.textContent).toContain('Push commits and create branches.');
    expect(alert.textContent).toContain('Push a backdoor into your code.');
    expect(alert.textContent).toContain('does not know this permission');
    expect(alert.textContent).toMatch(/also include: Code \(read\) \(vso\.code\)/);
    expect(alert.textContent).toContain('The app asks for powerful access');
  });

  it('speaks the language of its messages whatever the page says, so a screen reader uses the right voice', () => {
    document.documentElement.lang = 'en';
    const quiet = speak('de');
    try {
      const lookalike = view({
        verdict: 'danger',
        host: { name: 'xn--pp-7kc.vssps.example', unicode: 'аpp.vssps.example', trusted: false, imitates: 'app.vssps.visualstudio.com' },
      });
      render(<Banner view={lookalike} onLeave={() => undefined} onDismiss={() => undefined} />);
      const alert = screen.getByRole('alert');
      expect(alert.getAttribute('lang')).toBe('de');
      expect(alert.textContent).toContain(
        'Diese Seite liegt auf аpp.vssps.example (eigentlich xn--pp-7kc.vssps.example), die app.vssps.visualstudio.com nachahmt.',
      );
    } finally {
      quiet();
    }
  });

  it('offers Leave and Dismiss for warn, but no Dismiss for danger', () => {
    render(<Banner view={view()} onLeave={() => undefined} onDismiss={() => undefined} />);
    // Real, enabled buttons with those names (getByRole alone already fails when there is none).
    for (const name of ['Leave this page', 'Dismiss for this request']) {
      const button = screen.getByRole<HTMLButtonElement>('button', { name });
      expect([button.type, button.disabled, button.textContent?.trim()]).toEqual(['button', false, name]);
    }
    cleanup();
    render(<Banner view={view({ verdict: 'danger' })} onLeave={() => undefined} onDismiss={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain('This is probably a phishing page');
    expect(screen.queryByRole('button', { name: 'Dismiss for this request' })).toBeNull();
  });

  it('renders page-supplied names as text, never as HTML', () => {
    const hostile = '<img src=x onerror="alert(1)"><b>Microsoft</b>';
    render(<Banner view={view({ pageClaims: { appName: hostile, publisher: hostile } })} onLeave={() => undefined} onDismiss={() => undefined} />);
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('img')).toBeNull();
    expect(alert.querySelector('b')).toBeNull();
    expect(alert.textContent).toContain(hostile);
  });

  it('ignores clicks forged by a script (untrusted events)', () => {
    const onLeave = vi.fn();
    const onDismiss = vi.fn();
    render(<Banner view={view()} onLeave={onLeave} onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole('button', { name: 'Leave this page' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss for this request' }));
    expect(onLeave).not.toHaveBeenCalled();
    expect(onDismiss).not.toHaveBeenCalled();
  });

  it('collapses and expands its details from a button that says which', () => {
    render(<Banner view={view()} onLeave={() => undefined} onDismiss={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Hide details' }));
    expect(screen.getByRole('alert').textContent).not.toContain('Code (read and write)');
    expect(screen.getByRole('button', { name: 'Show details' }).getAttribute('aria-expanded')).toBe('false');
  });
});

describe('banner host', () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('is the first child of <html>, carries the verdict attribute and keeps its content in a closed shadow root', () => {
    const handle = mountBanner(document, 'danger', <p>warning</p>);
    expect(document.documentElement.firstElementChild).toBe(handle.host);
    expect(handle.host.getAttribute(HOST_ATTRIBUTE)).toBe('danger');
    expect(handle.host.shadowRoot).toBeNull();
    expect(handle.host.getAttribute('style')).toContain('z-index: 2147483647 !important');
    handle.unmount();
  });

  it('comes back when the page removes it, and re-asserts attributes the page changes', async () => {
    const handle = mountBanner(document, 'warn', <p>warning</p>);
    handle.host.remove();
    await flush();
    expect(handle.host.isConnected).toBe(true);
    handle.host.setAttribute(HOST_ATTRIBUTE, 'ok');
    handle.host.setAttribute('style', 'display:none');
    handle.host.setAttribute('hidden', '');
    await flush();
    expect(handle.host.getAttribute(HOST_ATTRIBUTE)).toBe('warn');
    expect(handle.host.getAttribute('style')).toContain('display: block !important');
    expect(handle.host.hasAttribute('hidden')).toBe(false);
    document.documentElement.setAttribute('inert', '');
    await flush();
    expect(document.documentElement.hasAttribute('inert')).toBe(false);
    handle.unmount();
    await flush();
    expect(document.querySelector(`[${HOST_ATTRIBUTE}]`)).toBeNull();
  });

  it('does not freeze the page when a page observer removes it as fast as it comes back', async () => {
    const handle = mountBanner(document, 'danger', <p>warning</p>);
    let removals = 0;
    const hostile = new MutationObserver(() => {
      if (handle.host.isConnected) {
        removals++;
        handle.host.remove();
      }
    });
    hostile.observe(document.documentElement, { childList: true });
    handle.host.remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    hostile.disconnect();
    // The fight stopped after a bounded number of rounds instead of looping forever in microtasks.
    expect(removals).toBeGreaterThan(5);
    expect(removals).toBeLessThan(200);
    handle.unmount();
  });
});

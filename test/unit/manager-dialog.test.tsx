// @vitest-environment happy-dom
/**
 * The confirmation dialog (src/popup/ConfirmDialog.tsx): while it is open the page behind it is `inert`
 * (out of reach of the keyboard and of assistive technology), Tab stays inside, Escape closes it from
 * anywhere, and focus returns to the control that opened it. (Real Chromium: test/e2e/manager-rough-edges.spec.ts.)
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog, makeBackgroundInert } from '../../src/popup/ConfirmDialog';

afterEach(cleanup);

function Page({ onConfirm }: { onConfirm: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <main>
      <h1>Popup</h1>
      <aside inert>Already inert</aside>
      <section>
        <a href="#list">Skip to the list</a>
        <button type="button" onClick={() => setOpen(true)}>
          Revoke Deploy Bot
        </button>
        {open ? (
          <ConfirmDialog
            title="Revoke Deploy Bot?"
            confirmLabel="Revoke access"
            onConfirm={() => {
              onConfirm();
              setOpen(false);
            }}
            onCancel={() => setOpen(false)}
          >
            <p>It loses its access.</p>
          </ConfirmDialog>
        ) : null}
        <input aria-label="Filter by name" />
      </section>
    </main>
  );
}

const inertElements = () => [...document.querySelectorAll('[inert]')].map((element) => element.textContent?.trim() || element.tagName);

function open() {
  const onConfirm = vi.fn();
  render(<Page onConfirm={onConfirm} />);
  const opener = screen.getByRole('button', { name: 'Revoke Deploy Bot' });
  opener.focus();
  fireEvent.click(opener);
  return { opener, onConfirm, dialog: screen.getByRole('alertdialog') };
}

describe('the confirmation dialog', () => {
  it('is named by its title and described by its body, and focus starts on Cancel', () => {
    const { dialog } = open();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe('Revoke Deploy Bot?');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe('It loses its access.');
    expect(document.activeElement?.textContent).toBe('Cancel');
  });

  it('makes everything behind it inert, and only that', () => {
    const { dialog } = open();
    const backdrop = dialog.parentElement!;
    for (const element of document.body.querySelectorAll('*')) {
      const onTheWay = element.contains(backdrop) || backdrop.contains(element);
      if (onTheWay) expect(element.closest('[inert]'), element.outerHTML.slice(0, 60)).toBeNull();
      else expect(element.closest('[inert]'), element.outerHTML.slice(0, 60)).not.toBeNull();
    }
  });

  it('keeps Tab inside: from the last control to the first, and Shift+Tab from the first to the last', () => {
    const { dialog } = open();
    const [cancel, confirm] = [...dialog.querySelectorAll('button')];
    confirm!.focus();
    fireEvent.keyDown(confirm!, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it('Escape closes it even when focus has fallen to the page body; focus returns to the opener; the inert marks go, except the page’s own', () => {
    const { opener, onConfirm } = open();
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(inertElements()).toEqual(['Already inert']);
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it('confirming calls back once and closes', () => {
    const { onConfirm } = open();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke access' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(inertElements()).toEqual(['Already inert']);
  });
});

describe('makeBackgroundInert', () => {
  it('marks the siblings of the kept element and of each ancestor up to <body>, and undoes exactly that', () => {
    document.body.innerHTML = '<header>h</header><main><p>a</p><div id="keep-parent"><span>b</span><div id="keep">k</div></div></main><footer inert>f</footer>';
    const undo = makeBackgroundInert(document.getElementById('keep')!);
    expect(inertElements()).toEqual(['h', 'a', 'b', 'f']);
    undo();
    expect(inertElements()).toEqual(['f']);
    document.body.innerHTML = '';
  });
});

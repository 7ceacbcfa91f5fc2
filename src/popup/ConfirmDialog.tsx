/**
 * A modal confirmation: focus moves in (to Cancel), stays in (Tab wraps), Escape cancels, focus returns.
 * The dialog is rendered as a child of <body>, and everything else in <body> is made `inert` while it is
 * open, so neither the keyboard nor assistive technology reaches the page behind it.
 */
import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact/compat';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../platform/i18n';

interface Props {
  readonly title: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly children: ComponentChildren;
}

/** Sets `inert` on every other child of <body>; returns how to undo exactly that. */
function makeBackgroundInert(keep: HTMLElement): () => void {
  const changed: HTMLElement[] = [];
  for (const child of [...document.body.children]) {
    if (child === keep || !(child instanceof HTMLElement) || child.hasAttribute('inert')) continue;
    child.setAttribute('inert', '');
    changed.push(child);
  }
  return () => {
    for (const element of changed) element.removeAttribute('inert');
  };
}

export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, children }: Props) {
  const [host] = useState(() => {
    const element = document.createElement('div');
    element.className = 'dialog-host';
    return element;
  });
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    document.body.append(host);
    const restore = makeBackgroundInert(host);
    cancel.current?.focus();
    return () => {
      restore();
      host.remove();
      previous?.focus?.();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')].filter((element) => !element.hasAttribute('disabled'));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div class="backdrop">
      <div ref={dialog} class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body" onKeyDown={onKeyDown}>
        <h2 id="confirm-title">{title}</h2>
        <div id="confirm-body">{children}</div>
        <div class="dialog-actions">
          <button type="button" ref={cancel} onClick={onCancel}>
            {t('popupCancel')}
          </button>
          <button type="button" class="danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    host,
  );
}

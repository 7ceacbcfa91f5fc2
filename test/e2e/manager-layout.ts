/**
 * What a user sees and reaches in the popup, measured in the real browser: content that overflows the
 * popup or its row, text whose contrast is below WCAG AA, and the tree assistive technology reads.
 */
import type { BrowserContext, Page } from '@playwright/test';

export interface Overflow {
  readonly what: string;
  readonly right: number;
  readonly limit: number;
}

/**
 * Everything that sticks out: the page wider than the popup (a sideways scroll), any visible element past
 * the popup's right edge, and any element past the right edge of its own row or of the dialog.
 */
export async function overflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const found: { what: string; right: number; limit: number }[] = [];
    const width = document.documentElement.clientWidth;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
    if (document.documentElement.scrollWidth > width) found.push({ what: 'page scrolls sideways', right: document.documentElement.scrollWidth, limit: width });
    const visible = (element: Element) => {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return false;
      // Screen-reader-only text and unfocused skip links are placed out of sight on purpose.
      return !element.closest('.sr-only, .skip-links');
    };
    for (const element of document.querySelectorAll('main *')) {
      if (!visible(element)) continue;
      const rect = element.getBoundingClientRect();
      if (rect.right > width + 0.5) found.push({ what: describe(element), right: rect.right, limit: width });
      const box = element.parentElement?.closest('li.authorization, li.consent, .dialog');
      if (box) {
        const limit = box.getBoundingClientRect().right;
        if (rect.right > limit + 0.5) found.push({ what: `${describe(element)} in ${describe(box)}`, right: rect.right, limit });
      }
    }
    return found;
  });
}

export interface LowContrast {
  readonly text: string;
  readonly ratio: number;
  readonly needed: number;
  readonly color: string;
  readonly background: string;
}

/** Every visible text whose contrast with what is behind it is below WCAG AA (4.5:1, 3:1 for large text); disabled controls are exempt. */
export async function lowContrast(page: Page): Promise<LowContrast[]> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba => {
      const numbers = (value.match(/[\d.]+/g) ?? []).map(Number);
      return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, value.startsWith('rgba') || value.includes('/') ? (numbers[3] ?? 1) : 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const alpha = top[3] + bottom[3] * (1 - top[3]);
      if (alpha === 0) return [0, 0, 0, 0];
      const mix = (index: number) => (top[index]! * top[3] + bottom[index]! * bottom[3] * (1 - top[3])) / alpha;
      return [mix(0), mix(1), mix(2), alpha];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const backgroundOf = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let node: Element | null = element; node; node = node.parentElement) {
        const layer = parse(getComputedStyle(node).backgroundColor);
        if (layer[3] > 0) layers.push(layer);
        if (layer[3] >= 1) break;
      }
      let result: Rgba = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (result[3] === 0) result = matchMedia('(prefers-color-scheme: dark)').matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const opacityOf = (element: Element) => {
      let opacity = 1;
      for (let node: Element | null = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
      return opacity;
    };
    const failures: { text: string; ratio: number; needed: number; color: string; background: string }[] = [];
    const dialogOpen = document.querySelector('.dialog') !== null;
    for (const element of document.querySelectorAll('body *')) {
      const ownText = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (!ownText) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || element.closest('.sr-only, .skip-links, script, style')) continue;
      if (element.closest('button:disabled, input:disabled, select:disabled')) continue;
      // Behind an open dialog the page is covered (and inert): only the dialog's text is read.
      if (dialogOpen && !element.closest('.dialog')) continue;
      const style = getComputedStyle(element);
      if (style.visibility !== 'visible') continue;
      const background = backgroundOf(element);
      const foreground = parse(style.color);
      const shown = over([foreground[0], foreground[1], foreground[2], foreground[3] * opacityOf(element)], background);
      const [light, dark] = [luminance(shown), luminance(background)].sort((a, b) => b - a) as [number, number];
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (ratio < needed)
        failures.push({
          text: ownText.slice(0, 60),
          ratio: Math.round(ratio * 100) / 100,
          needed,
          color: style.color,
          background: `rgb(${background.slice(0, 3).map(Math.round).join(' ')})`,
        });
    }
    return failures;
  });
}

export interface AxNode {
  readonly role: string;
  readonly name: string;
  readonly description: string;
}

/** The page as Chromium's accessibility tree exposes it to screen readers (ignored nodes left out). */
export async function accessibilityTree(context: BrowserContext, page: Page): Promise<AxNode[]> {
  const session = await context.newCDPSession(page);
  try {
    await session.send('Accessibility.enable');
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value?: string }; name?: { value?: string }; description?: { value?: string } }[];
    };
    return nodes
      .filter((node) => !node.ignored)
      .map((node) => ({ role: String(node.role?.value ?? ''), name: String(node.name?.value ?? ''), description: String(node.description?.value ?? '') }));
  } finally {
    await session.detach();
  }
}

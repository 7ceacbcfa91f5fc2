/**
 * Reading what the compositor painted: the danger banner's band of colour in screencast frames and screenshots
 * (test/e2e/guard-paint.spec.ts, guard-next.spec.ts).
 */
import type { CDPSession, Page } from '@playwright/test';
import { expect } from './harness/extension';
import { countColour, decodePng, type Bitmap } from './harness/png';

/** The danger banner's background (src/ui/styles.ts --cg-danger-bg, light scheme): no attack page uses it. */
export const BANNER_BACKGROUND = '#fdecea';
/** The box of the pixels in the banner's colour (null when there are none). */
export function bannerBox(bitmap: Bitmap): { width: number; height: number; pixels: number } | null {
  let left = bitmap.width;
  let right = -1;
  let top = bitmap.height;
  let bottom = -1;
  const pixels = countColour(bitmap, BANNER_BACKGROUND, 6);
  if (pixels === 0) return null;
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const index = (y * bitmap.width + x) * 4;
      const [r, g, b] = [bitmap.pixels[index]!, bitmap.pixels[index + 1]!, bitmap.pixels[index + 2]!];
      if (Math.abs(r - 0xfd) <= 6 && Math.abs(g - 0xec) <= 6 && Math.abs(b - 0xea) <= 6) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  return { width: right - left + 1, height: bottom - top + 1, pixels };
}

/**
 * The next `count` frames the compositor paints for the page (the screencast sends one per frame that changed
 * something on screen; the attack pages below change something every frame).
 */
export async function paintedFrames(page: Page, count: number): Promise<Bitmap[]> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const frames: Buffer[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`only ${frames.length} of ${count} frames painted in 30 s`)), 30_000);
      cdp.on('Page.screencastFrame', (frame: { data: string; sessionId: number }) => {
        if (frames.length < count) frames.push(Buffer.from(frame.data, 'base64'));
        void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
        if (frames.length === count) {
          clearTimeout(deadline);
          resolve();
        }
      });
      cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 }).catch(reject);
    });
  } finally {
    await cdp.send('Page.stopScreencast').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
  return frames.map((png) => decodePng(png));
}

/** Every painted frame shows the banner: a band of its colour across the top, as wide as the page. */
export function expectBannerInEveryFrame(frames: readonly Bitmap[]): void {
  const missing = frames
    .map((frame, index) => ({ index, box: bannerBox(frame), width: frame.width }))
    .filter(({ box, width }) => box === null || box.width < width * 0.9 || box.height < 40)
    .map(({ index, box }) => `frame ${index}: ${box === null ? 'no banner colour' : `${box.width}×${box.height}`}`);
  expect(missing).toEqual([]);
}

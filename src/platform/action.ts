/** action: the toolbar button's badge and title, per tab. */
import { browser } from './browser';

export interface BadgeState {
  readonly text: string;
  readonly color: string | null;
  readonly title: string;
}

export async function setTabBadge(tabId: number, state: BadgeState): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: state.text });
  if (state.color) await browser.action.setBadgeBackgroundColor({ tabId, color: state.color });
  await browser.action.setTitle({ tabId, title: state.title });
}

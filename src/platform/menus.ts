/**
 * The context menu ("Check this link with Consent Guard"). Chromium calls the API contextMenus, Firefox menus
 * (with contextMenus as an alias); the items persist, so they are made again only on install and start-up.
 */
import { browser } from './browser';
import { t } from './i18n';

export const LINK_MENU_ID = 'consent-guard-check-link';
export const SELECTION_MENU_ID = 'consent-guard-check-selection';

export interface MenuClickInfo {
  readonly menuItemId: string | number;
  readonly linkUrl?: string | undefined;
  readonly selectionText?: string | undefined;
}

type MenusApi = typeof browser.contextMenus;

function menus(): MenusApi | undefined {
  const withMenus = browser as unknown as { menus?: MenusApi; contextMenus?: MenusApi };
  return withMenus.menus ?? withMenus.contextMenus;
}

async function createItems(): Promise<void> {
  const api = menus();
  if (!api) return;
  await api.removeAll();
  api.create({ id: LINK_MENU_ID, title: t('linkCheckMenuLink'), contexts: ['link'] });
  // %s is the browser's own placeholder for the selected text.
  api.create({ id: SELECTION_MENU_ID, title: t('linkCheckMenuSelection', '%s'), contexts: ['selection'] });
}

/** Creates the items and calls `onClick` for clicks on them. Register at start-up, synchronously. */
export function registerLinkCheckMenu(onClick: (info: MenuClickInfo) => void, log: (message: string) => void): void {
  const api = menus();
  if (!api) return;
  const create = () => void createItems().catch((error: unknown) => log(`consent-guard: context menu: ${String(error)}`));
  browser.runtime.onInstalled.addListener(create);
  browser.runtime.onStartup.addListener(create);
  api.onClicked.addListener((info) => {
    if (info.menuItemId === LINK_MENU_ID || info.menuItemId === SELECTION_MENU_ID) onClick(info);
  });
}

/**
 * The authorization manager's background handlers. The router has already checked the sender (our own
 * extension pages only) and parsed the message; the logic lives in src/manager/service.ts.
 */
import { createManagerService } from '../manager/service';
import { browserFamily, storageArea } from '../platform/manager-platform';
import { registerHandler } from './router';

const service = createManagerService({
  // Credentialed fetch from the service worker: host permission lets the session cookies go along.
  fetch: (input, init) => fetch(input, init),
  session: storageArea('session'),
  local: storageArea('local'),
  browser: browserFamily(),
});

registerHandler('manager/list', () => service.list());
registerHandler('manager/revoke', (request) => service.revoke(request.targets));
registerHandler('manager/status', () => service.status());
registerHandler('manager/settings', (request) => service.saveSettings(request.settings));
registerHandler('manager/token/set', (request) => service.setToken(request.organization, request.token, request.remember));
registerHandler('manager/token/clear', (request) => service.clearToken(request.organization));

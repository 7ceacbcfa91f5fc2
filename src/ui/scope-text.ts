/** A scope's words in the user's language, for every surface that shows one (banner, popup, block page). */
import { scopeTextKey } from '../catalog/scopes';
import { lookupScope } from '../core/scopes';
import { t } from '../platform/i18n';

/** Microsoft's display name of a scope in the user's language, or the id as written when it is not in the catalog. */
export function scopeTitle(id: string): string {
  const entry = lookupScope(id);
  return entry ? t(scopeTextKey(entry.id, 'name')) : id;
}

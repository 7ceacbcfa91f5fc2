/**
 * The scopes an authorization was granted, with their risk tier and plain-language explanation, through the
 * ScopeList the banner, block page and link check use (src/ui/ScopeList.tsx), so every surface explains a scope
 * the same way; and the tier badge the popup's rows use.
 */
import type { AuthorizationView, TierOrUnknown } from '../manager/model';
import { t } from '../platform/i18n';
import { ScopeList } from '../ui/ScopeList';
import { scopeTitle } from '../ui/scope-text';
import { SHARED_CSS } from '../ui/styles';
import { TIER_LABEL } from '../ui/tiers';

export { TIER_LABEL };

export function TierBadge({ tier }: { tier: TierOrUnknown }) {
  return <span class={`tier tier-${tier}`}>{TIER_LABEL[tier]}</span>;
}

/** The shared scope styles, once per popup. */
export function SharedScopeStyles() {
  return <style>{SHARED_CSS}</style>;
}

export function GrantedScopes({ view }: { view: AuthorizationView }) {
  if (view.scopes.length === 0) return <p class="muted">{t('managerNoScopes')}</p>;
  const granted = new Set(view.scopes.map((scope) => scope.id));
  const includes = view.effectiveScopes.filter((id) => !granted.has(id)).map((id) => ({ id, title: scopeTitle(id) }));
  const scopes = view.scopes.map((scope) => ({
    id: scope.id,
    title: scope.known ? scope.name : scope.id,
    resource: 'azure-devops' as const,
    tier: scope.tier,
    highPrivilege: scope.highPrivilege,
    canDo: scope.known ? scope.canDo : null,
    attackerUse: scope.known ? scope.attackerUse : null,
  }));
  return (
    <div class="granted-scopes">
      <ScopeList scopes={scopes} includes={includes} />
    </div>
  );
}

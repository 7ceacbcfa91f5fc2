/** The requested scopes with their risk tier and plain-language explanation (banner and popup). */
import type { ViewScope } from '../messaging/page-view';
import { t } from '../platform/i18n';
import { TIER_LABEL } from './tiers';

export interface ScopeListProps {
  readonly scopes: readonly ViewScope[];
  readonly includes: readonly { readonly id: string; readonly title: string }[];
}

export function ScopeList({ scopes, includes }: ScopeListProps) {
  return (
    <div class="cg-scopes">
      <ul class="cg-scope-list">
        {scopes.map((scope) => (
          <li key={`${scope.resource}|${scope.id}`} class={`cg-scope cg-tier-${scope.tier}`} data-scope={scope.id} data-tier={scope.tier}>
            <div class="cg-scope-head">
              <span class="cg-tier">{TIER_LABEL[scope.tier]}</span>
              <span class="cg-scope-title">{scope.title}</span>
              <code class="cg-scope-id">{scope.id}</code>
            </div>
            <p class="cg-can">{scope.canDo ?? t('scopeUnknown')}</p>
            {scope.attackerUse ? (
              <p class="cg-abuse">
                <span class="cg-label">{`${t('scopeWrongHands')} `}</span>
                {scope.attackerUse}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {includes.length > 0 ? (
        <p class="cg-includes">
          <span class="cg-label">{`${t('scopeAlsoIncludes')} `}</span>
          {includes.map((scope, index) => (
            <span key={scope.id}>
              {index > 0 ? ', ' : ''}
              {scope.title} (<code>{scope.id}</code>)
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

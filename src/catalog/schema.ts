import { z } from 'zod';

/**
 * Our own risk ranking, independent of Microsoft's single high-privilege flag:
 * low = reads what you could see anyway, medium = changes work items or settings,
 * high = changes code, pipelines or people, critical = can mint credentials, grant
 * administration or act as you everywhere (see ./powers.ts for which scopes and why).
 */
export const riskTierSchema = z.enum(['low', 'medium', 'high', 'critical']);
export type RiskTier = z.infer<typeof riskTierSchema>;

/**
 * One REST operation that justifies a sentence about a scope, as Microsoft's published REST API
 * specifications (github.com/MicrosoftDocs/vsts-rest-api-specs, `specification/<area>/<version>/*.json`)
 * name it: the area folder and the operation's `operationId`. The specification lists, per operation,
 * the OAuth scopes it accepts (`security`); `via` names the scope it lists when that is not this scope
 * itself but a scope that includes it (the service hook operations list vso.code, vso.build and
 * vso.work, which include vso.hooks_write).
 */
export const restOperationSchema = z.strictObject({
  area: z.string().regex(/^[a-zA-Z]+$/),
  operation: z.string().min(3),
  via: z.string().startsWith('vso.').optional(),
});
export type RestOperation = z.infer<typeof restOperationSchema>;

/** Where an Azure DevOps scope's sentences come from, so a reviewer can check each one against its source. */
export const scopeSourcesSchema = z.strictObject({
  /** The few operations that show what the explanation says (not every operation the scope allows). */
  operations: z.array(restOperationSchema).max(8),
  /**
   * Why no published operation declares this scope, when none does; the sentences then rest on
   * Microsoft's scope table (docs/integrate/includes/scopes.md) alone.
   */
  withoutOperations: z.string().min(20).optional(),
  /** Microsoft's own description differs from what the specifications show; what we went by. */
  note: z.string().min(20).optional(),
});
export type ScopeSources = z.infer<typeof scopeSourcesSchema>;

/** A catalog entry: facts and our judgement, no words for people (those live in _locales, see scopeTextKey). */
export const catalogScopeSchema = z.strictObject({
  /** The scope as Azure DevOps or Microsoft Graph names it, e.g. `vso.code_write` or `Mail.Read`. */
  id: z.string().min(1),
  /** Which API the scope belongs to. */
  resource: z.enum(['azure-devops', 'microsoft-graph']),
  /** Category from Microsoft's table (or "Microsoft Graph: Mail" for Graph). */
  category: z.string().min(1),
  /**
   * Azure DevOps: Microsoft's high-privilege flag as published (for a scope outside its table, our assessment).
   * Graph: our assessment (Microsoft publishes no such flag for Graph).
   */
  highPrivilege: z.boolean(),
  /** The scopes this one directly includes (Microsoft's "inherits" column). */
  includes: z.array(z.string()),
  tier: riskTierSchema,
  /**
   * Only for scopes that are not in Microsoft's scope table: where the scope is defined instead, e.g.
   * the Entra-only personal access token scopes that the specifications declare since 2025.
   */
  outsideScopeTable: z.string().min(20).optional(),
  /**
   * Why the name people see adds a note after Microsoft's title, when the title itself would mislead
   * (the name message is then Microsoft's title, a dash, and the note).
   */
  titleNote: z.string().min(20).optional(),
  /** Azure DevOps scopes: the operations behind the explanation (a test requires them). */
  sources: scopeSourcesSchema.optional(),
});
export type CatalogScope = z.infer<typeof catalogScopeSchema>;

export const catalogSchema = z.array(catalogScopeSchema).min(1);

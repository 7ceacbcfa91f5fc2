import { z } from 'zod';

/**
 * Our own risk ranking, independent of Microsoft's single high-privilege flag:
 * low = reads what you could see anyway, medium = changes work items or settings,
 * high = changes code, pipelines or people, critical = can mint tokens, change
 * security or act as you everywhere.
 */
export const riskTierSchema = z.enum(['low', 'medium', 'high', 'critical']);
export type RiskTier = z.infer<typeof riskTierSchema>;

export const scopeEntrySchema = z.object({
  /** The scope as Azure DevOps or Microsoft Graph names it, e.g. `vso.code_write` or `Mail.Read`. */
  id: z.string().min(1),
  /** Which API the scope belongs to. */
  resource: z.enum(['azure-devops', 'microsoft-graph']),
  /** Category from Microsoft's table (or "Microsoft Graph: Mail" for Graph). */
  category: z.string().min(1),
  /** Microsoft's display name. */
  name: z.string().min(1),
  /**
   * Azure DevOps: Microsoft's high-privilege flag as published.
   * Graph: our assessment (Microsoft publishes no such flag for Graph).
   */
  highPrivilege: z.boolean(),
  /** The scopes this one directly includes (Microsoft's "inherits" column). */
  includes: z.array(z.string()),
  tier: riskTierSchema,
  /** Plain language: what an app holding this scope can do to you and your organizations. */
  canDo: z.string().min(20),
  /** Plain language: what an attacker would do with it. */
  attackerUse: z.string().min(20),
});
export type ScopeEntry = z.infer<typeof scopeEntrySchema>;

export const catalogSchema = z.array(scopeEntrySchema).min(1);

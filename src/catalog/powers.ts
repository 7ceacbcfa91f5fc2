/**
 * Which Azure DevOps scopes can grant administration or mint credentials, and why: those must be rated
 * critical, whatever else they do (test/unit/catalog.test.ts checks it). The powers are tied to the REST
 * operations the catalog cites as sources, so a scope that starts citing one of these operations is
 * held to the same rule; scopes no published operation declares are listed by name.
 *
 * - Grants administration: can make an account an administrator, or set who holds which permission.
 * - Mints credentials: can create a credential for Azure DevOps whose power the holder chooses or that
 *   keeps working after the app's authorization is revoked (a personal access token, an app secret).
 */

export type CriticalPower = 'grants-administration' | 'mints-credentials';

export interface PowerfulOperation {
  /** Area folder and operationId in Microsoft's REST specifications, as in the catalog's sources. */
  readonly area: string;
  readonly operation: string;
  readonly power: CriticalPower;
  readonly reason: string;
}

export const powerfulOperations: readonly PowerfulOperation[] = [
  {
    area: 'security',
    operation: 'Access Control Entries_Set Access Control Entries',
    power: 'grants-administration',
    reason: 'Sets any permission bit for any identity on any securable, including the permission to administer it.',
  },
  {
    area: 'security',
    operation: 'Access Control Lists_Set Access Control Lists',
    power: 'grants-administration',
    reason: 'Replaces whole access control lists: who may do what, administration included.',
  },
  {
    area: 'securityRoles',
    operation: 'Roleassignments_Set Role Assignments',
    power: 'grants-administration',
    reason: 'Assigns roles such as Administrator on agent pools, environments, service connections and other resources.',
  },
  {
    area: 'graph',
    operation: 'Memberships_Add',
    power: 'grants-administration',
    reason: 'Adds any user, service principal or group to any group, Project Collection Administrators included.',
  },
  {
    area: 'memberEntitlementManagement',
    operation: 'User Entitlements_Add',
    power: 'grants-administration',
    reason: 'Adds a user with project entitlements whose group type may be projectAdministrator.',
  },
  {
    area: 'memberEntitlementManagement',
    operation: 'Service Principal Entitlements_Add',
    power: 'grants-administration',
    reason: 'Adds a service principal with project entitlements whose group type may be projectAdministrator.',
  },
  {
    area: 'memberEntitlementManagement',
    operation: 'User Entitlements_Update User Entitlement',
    power: 'grants-administration',
    reason: 'Changes an existing user\u2019s project entitlements, for example to Project Administrators.',
  },
  {
    area: 'tokens',
    operation: 'Pats_Create',
    power: 'mints-credentials',
    reason: 'Creates a personal access token with scopes and organizations of the caller\u2019s choosing that outlives the app\u2019s authorization.',
  },
  {
    area: 'tokens',
    operation: 'Pats_Update',
    power: 'mints-credentials',
    reason: 'Widens an existing personal access token: its scopes, its organizations and its expiry.',
  },
  {
    area: 'delegatedAuth',
    operation: 'Registration Secret_Create',
    power: 'mints-credentials',
    reason: 'Creates a new client secret for an OAuth app registration; whoever holds it authenticates as the app.',
  },
  {
    area: 'delegatedAuth',
    operation: 'Registration Secret_Rotate Secret',
    power: 'mints-credentials',
    reason: 'Issues a replacement client secret for an OAuth app registration.',
  },
];

export interface PowerfulScope {
  readonly scope: string;
  readonly powers: readonly CriticalPower[];
  readonly reason: string;
}

/** Scopes with one of the powers that no published operation declares (their catalog sources say so). */
export const powerfulScopesWithoutOperations: readonly PowerfulScope[] = [
  {
    scope: 'user_impersonation',
    powers: ['grants-administration', 'mints-credentials'],
    reason: 'Every operation accepts it, the ones above included.',
  },
  {
    scope: 'vso.identity_manage',
    powers: ['grants-administration'],
    reason: 'Microsoft\u2019s table: it writes and manages identities and groups, which covers who belongs to the administrator groups.',
  },
];

/**
 * Operations that look like one of the powers but are bounded, so the scopes citing them are not
 * critical for that reason alone. Kept as data so the boundary is reviewed, not forgotten.
 */
export const boundedOperations: readonly { readonly area: string; readonly operation: string; readonly reason: string }[] = [
  {
    area: 'environments',
    operation: 'Environmentaccesstoken_Generate Environment Access Token',
    reason: 'The token it returns only registers and removes deployment targets in that one environment, which the scope already allows.',
  },
  {
    area: 'core',
    operation: 'Projects_Create',
    reason: 'The creator administers only the new, empty project; nothing that exists changes hands.',
  },
  {
    area: 'extensionManagement',
    operation: 'Installed Extensions_Install Extension By Name',
    reason:
      'An installed extension runs in the organization\u2019s pages with tokens limited to the scopes its manifest declares; no credential is created and nobody is made an administrator. Rated high.',
  },
];

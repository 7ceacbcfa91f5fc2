import type englishMessages from '../../public/_locales/en/messages.json';
import type { CatalogScope, RestOperation } from './schema';

/**
 * The scope catalog, as data: every Azure DevOps OAuth scope from Microsoft's published scope table
 * (shared/reference/ado-scopes.tsv, same order) plus the two Entra-only personal access token scopes
 * of 2025, followed by the Microsoft Graph / OpenID scopes most often abused in consent phishing.
 *
 * For Azure DevOps rows, category, name, highPrivilege and includes are copied from Microsoft's table.
 * Everything else (tier, the Graph highPrivilege flag) is our own judgement. The words people read
 * (name, what an app can do, how an attacker would use it) live in _locales under scopeTextKey(), so
 * every shell says them in the user's language; core renders the English for the CLI.
 *
 * Each Azure DevOps scope names its sources: the REST operations of Microsoft's published
 * specifications (MicrosoftDocs/vsts-rest-api-specs) that declare the scope and show what its
 * sentences claim, so a reviewer can check a sentence against the operation it describes.
 *
 * Note: Microsoft's table lists vso.build, vso.code and vso.work (all "read")
 * as including vso.hooks_write, so an app with one of these can also create
 * service hook subscriptions; their tiers take that into account.
 */

/** One operation of the specifications: its area folder and operationId, spelled exactly as there (double spaces too). */
function op(area: string, operation: string, via?: string): RestOperation {
  return via === undefined ? { area, operation } : { area, operation, via };
}

export const scopeCatalog: readonly CatalogScope[] = [
  // ---------------------------------------------------------------- Azure DevOps
  {
    id: 'vso.advsec',
    resource: 'azure-devops',
    category: 'Advanced Security',
    highPrivilege: true,
    includes: [],
    tier: 'high',
    sources: {
      operations: [op('advancedSecurity', 'Alerts_List'), op('advancedSecurity', 'Alerts_Get')],
    },
  },
  {
    id: 'vso.advsec_write',
    resource: 'azure-devops',
    category: 'Advanced Security',
    highPrivilege: true,
    includes: ['vso.advsec'],
    tier: 'high',
    sources: {
      operations: [op('advancedSecurity', 'Alerts_Update')],
      note: "Uploading SARIF results is in Microsoft's table but not in the specifications; changing alert states is.",
    },
  },
  {
    id: 'vso.advsec_manage',
    resource: 'azure-devops',
    category: 'Advanced Security',
    highPrivilege: true,
    includes: ['vso.advsec_write'],
    tier: 'high',
    sources: {
      operations: [
        op('advancedSecurity', 'Org Enablement_Update'),
        op('advancedSecurity', 'Project Enablement_Update'),
        op('advancedSecurity', 'Repo Enablement_Update'),
      ],
    },
  },
  {
    id: 'vso.agentpools',
    resource: 'azure-devops',
    category: 'Agent Pools',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('distributedTask', 'Pools_Get'), op('distributedTask', 'Agents_List'), op('distributedTask', 'Requests_List')],
    },
  },
  {
    id: 'vso.agentpools_manage',
    resource: 'azure-devops',
    category: 'Agent Pools',
    highPrivilege: true,
    includes: ['vso.agentpools'],
    tier: 'high',
    sources: {
      operations: [
        op('distributedTask', 'Pools_Add'),
        op('distributedTask', 'Pools_Delete'),
        op('distributedTask', 'Agents_Add'),
        op('distributedTask', 'Agents_Update'),
      ],
    },
  },
  {
    id: 'vso.environment_manage',
    resource: 'azure-devops',
    category: 'Agent Pools',
    highPrivilege: true,
    includes: ['vso.agentpools_manage'],
    tier: 'high',
    sources: {
      operations: [
        op('environments', 'Environments_Add'),
        op('environments', 'Vmresource_Add'),
        op('environments', 'Kubernetes_Add'),
        op('environments', 'Environmentaccesstoken_Generate Environment Access Token'),
      ],
    },
  },
  {
    id: 'vso.analytics',
    resource: 'azure-devops',
    category: 'Analytics',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [],
      withoutOperations: 'Analytics is queried through its own OData service (analytics.dev.azure.com), which the REST specifications do not cover.',
    },
  },
  {
    id: 'vso.auditlog',
    resource: 'azure-devops',
    category: 'Auditing',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
    sources: {
      operations: [op('audit', 'Audit Log_Query'), op('audit', 'Download Log_Download Log')],
    },
  },
  {
    id: 'vso.auditstreams_manage',
    resource: 'azure-devops',
    category: 'Auditing',
    highPrivilege: true,
    includes: ['vso.auditlog'],
    tier: 'high',
    titleNote: 'Microsoft titles it "Audit Streams (read)" although it creates, changes, pauses and deletes audit streams; "(read)" must not reassure.',
    sources: {
      operations: [op('audit', 'Streams_Create'), op('audit', 'Streams_Update Status'), op('audit', 'Streams_Update Stream'), op('audit', 'Streams_Delete')],
      note: 'Microsoft titles it "Audit Streams (read)", yet every operation that declares it creates, changes, pauses or deletes a stream.',
    },
  },
  {
    id: 'vso.build',
    resource: 'azure-devops',
    category: 'Build',
    highPrivilege: false,
    includes: ['vso.hooks_write'],
    tier: 'medium',
    sources: {
      operations: [
        op('build', 'Builds_Get'),
        op('build', 'Builds_Get Build Log'),
        op('pipelines', 'Artifacts_Get'),
        op('build', 'Definitions_Get'),
        op('hooks', 'Subscriptions_Create'),
      ],
    },
  },
  {
    id: 'vso.build_execute',
    resource: 'azure-devops',
    category: 'Build',
    highPrivilege: true,
    includes: ['vso.build'],
    tier: 'high',
    sources: {
      operations: [
        op('build', 'Builds_Queue'),
        op('build', 'Builds_Delete'),
        op('build', 'Definitions_Create'),
        op('build', 'Definitions_Delete'),
        op('pipelines', 'Runs_Run Pipeline'),
        op('approvalsAndChecks', 'Approvals_Update'),
        op('build', 'Authorizedresources_Authorize Project Resources'),
      ],
    },
  },
  {
    id: 'vso.code',
    resource: 'azure-devops',
    category: 'Code',
    highPrivilege: false,
    includes: ['vso.hooks_write'],
    tier: 'medium',
    sources: {
      operations: [
        op('git', 'Items_Get Items Batch'),
        op('git', 'Commits_Get'),
        op('git', 'Repositories_List'),
        op('search', 'Code Search Results_Fetch Code Search Results'),
        op('hooks', 'Subscriptions_Create'),
      ],
    },
  },
  {
    id: 'vso.code_write',
    resource: 'azure-devops',
    category: 'Code',
    highPrivilege: true,
    includes: ['vso.code'],
    tier: 'high',
    sources: {
      operations: [
        op('git', 'Pushes_Create'),
        op('git', 'Refs_Update Refs'),
        op('git', 'Pull Requests_Create'),
        op('git', 'Pull Requests_Update'),
        op('policy', 'Configurations_Create'),
        op('policy', 'Configurations_Update'),
        op('policy', 'Configurations_Delete'),
      ],
    },
  },
  {
    id: 'vso.code_manage',
    resource: 'azure-devops',
    category: 'Code',
    highPrivilege: true,
    includes: ['vso.code_write'],
    tier: 'high',
    sources: {
      operations: [op('git', 'Repositories_Create'), op('git', 'Repositories_Update'), op('git', 'Repositories_Delete')],
    },
  },
  {
    id: 'vso.code_full',
    resource: 'azure-devops',
    category: 'Code',
    highPrivilege: true,
    includes: ['vso.code_manage'],
    tier: 'critical',
    sources: {
      operations: [],
      withoutOperations:
        "No published operation declares it; Microsoft's table describes it as code manage plus limited support for the older client object model APIs.",
    },
  },
  {
    id: 'vso.code_status',
    resource: 'azure-devops',
    category: 'Code',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
    sources: {
      operations: [op('git', 'Statuses_Create'), op('git', 'Statuses_List'), op('git', 'Pull Request Statuses_Create')],
    },
  },
  {
    id: 'vso.connected_server',
    resource: 'azure-devops',
    category: 'Connected Server',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [],
      withoutOperations:
        "The endpoints an on-premises Azure DevOps Server calls to connect are not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.entitlements',
    resource: 'azure-devops',
    category: 'Entitlements',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [],
      withoutOperations: "The licensing entitlements endpoint it opens is not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.memberentitlementmanagement',
    resource: 'azure-devops',
    category: 'Entitlements',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [
        op('memberEntitlementManagement', 'User Entitlements_Search User Entitlements'),
        op('memberEntitlementManagement', 'User Entitlements_Get'),
        op('memberEntitlementManagement', 'Group Entitlements_List'),
      ],
    },
  },
  {
    id: 'vso.memberentitlementmanagement_write',
    resource: 'azure-devops',
    category: 'Entitlements',
    highPrivilege: true,
    includes: ['vso.memberentitlementmanagement'],
    // Our judgement: it can put an account straight into Project Administrators, like vso.graph_manage.
    tier: 'critical',
    sources: {
      operations: [
        op('memberEntitlementManagement', 'User Entitlements_Add'),
        op('memberEntitlementManagement', 'Service Principal Entitlements_Add'),
        op('memberEntitlementManagement', 'User Entitlements_Update User Entitlement'),
        op('memberEntitlementManagement', 'User Entitlements_Delete'),
        op('memberEntitlementManagement', 'Group Entitlements_Add'),
      ],
      note: 'A project entitlement names the project group to join, and the specifications allow projectAdministrator among the group types.',
    },
  },
  {
    id: 'vso.extension',
    resource: 'azure-devops',
    category: 'Extensions',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [op('extensionManagement', 'Installed Extensions_List')],
    },
  },
  {
    id: 'vso.extension_manage',
    resource: 'azure-devops',
    category: 'Extensions',
    highPrivilege: true,
    includes: ['vso.extension'],
    tier: 'high',
    sources: {
      operations: [
        op('extensionManagement', 'Installed Extensions_Install Extension By Name'),
        op('extensionManagement', 'Installed Extensions_Uninstall Extension By Name'),
        op('extensionManagement', 'Installed Extensions_Update'),
      ],
    },
  },
  {
    id: 'vso.extension.data',
    resource: 'azure-devops',
    category: 'Extensions',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [],
      withoutOperations:
        "The extension data service (documents and settings that extensions store) is not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.extension.data_write',
    resource: 'azure-devops',
    category: 'Extensions',
    highPrivilege: false,
    includes: ['vso.extension.data'],
    tier: 'medium',
    sources: {
      operations: [],
      withoutOperations:
        "The extension data service (documents and settings that extensions store) is not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.githubconnections',
    resource: 'azure-devops',
    category: 'GitHub Connections',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('wit', 'Github Connections_Get Github Connections'), op('wit', 'Github Connections_Get Github Connection Repositories')],
    },
  },
  {
    id: 'vso.githubconnections_manage',
    resource: 'azure-devops',
    category: 'GitHub Connections',
    highPrivilege: true,
    includes: ['vso.githubconnections'],
    tier: 'high',
    sources: {
      operations: [op('wit', 'Github Connections_Update')],
      note: "The specifications show adding and removing the repositories of a connection; creating and deleting connections rests on Microsoft's table.",
    },
  },
  {
    id: 'vso.graph',
    resource: 'azure-devops',
    category: 'Graph & identity',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('graph', 'Users_List'), op('graph', 'Groups_List'), op('graph', 'Memberships_List')],
    },
  },
  {
    id: 'vso.graph_manage',
    resource: 'azure-devops',
    category: 'Graph & identity',
    highPrivilege: true,
    includes: ['vso.graph'],
    // Our judgement: changing membership of admin groups is changing security.
    tier: 'critical',
    sources: {
      operations: [op('graph', 'Memberships_Add'), op('graph', 'Groups_Create'), op('graph', 'Users_Create'), op('graph', 'Service Principals_Create')],
    },
  },
  {
    id: 'vso.identity',
    resource: 'azure-devops',
    category: 'Graph & identity',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('ims', 'Identities_Read Identities')],
    },
  },
  {
    id: 'vso.identity_manage',
    resource: 'azure-devops',
    category: 'Graph & identity',
    highPrivilege: true,
    includes: ['vso.identity'],
    // Our judgement: same reasoning as vso.graph_manage.
    tier: 'critical',
    sources: {
      operations: [],
      withoutOperations: "No published operation declares it; Microsoft's table describes reading, writing and managing identities and groups.",
    },
  },
  {
    id: 'vso.machinegroup_manage',
    resource: 'azure-devops',
    category: 'Machine Group',
    highPrivilege: true,
    includes: ['vso.agentpools_manage'],
    tier: 'high',
    sources: {
      operations: [
        op('distributedTask', 'Deploymentgroups_Add'),
        op('distributedTask', 'Deploymentgroups_Update'),
        op('distributedTask', 'Targets_Update'),
        op('distributedTask', 'Agents_Add'),
      ],
    },
  },
  {
    id: 'vso.gallery',
    resource: 'azure-devops',
    category: 'Marketplace',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [],
      withoutOperations: "The Marketplace (gallery) APIs are not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.gallery_acquire',
    resource: 'azure-devops',
    category: 'Marketplace',
    highPrivilege: false,
    includes: ['vso.gallery'],
    tier: 'medium',
    sources: {
      operations: [],
      withoutOperations: "The Marketplace (gallery) APIs are not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.gallery_publish',
    resource: 'azure-devops',
    category: 'Marketplace',
    highPrivilege: true,
    includes: ['vso.gallery'],
    tier: 'high',
    sources: {
      operations: [],
      withoutOperations: "The Marketplace (gallery) APIs are not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.gallery_manage',
    resource: 'azure-devops',
    category: 'Marketplace',
    highPrivilege: true,
    includes: ['vso.gallery_publish'],
    tier: 'high',
    sources: {
      operations: [],
      withoutOperations: "The Marketplace (gallery) APIs are not in the REST specifications; Microsoft's table is the only source.",
    },
  },
  {
    id: 'vso.notification',
    resource: 'azure-devops',
    category: 'Notifications',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [op('notification', 'Subscriptions_List'), op('notification', 'Event Types_List')],
    },
  },
  {
    id: 'vso.notification_write',
    resource: 'azure-devops',
    category: 'Notifications',
    highPrivilege: false,
    includes: ['vso.notification'],
    tier: 'medium',
    sources: {
      operations: [
        op('notification', 'Subscriptions_Create'),
        op('notification', 'Subscriptions_Update'),
        op('notification', 'Subscriptions_Delete'),
        op('notification', 'Subscribers_Update'),
      ],
    },
  },
  {
    id: 'vso.notification_manage',
    resource: 'azure-devops',
    category: 'Notifications',
    highPrivilege: false,
    includes: ['vso.notification_write'],
    tier: 'medium',
    sources: {
      operations: [],
      withoutOperations: 'No published operation declares it; the subscription and delivery operations declare vso.notification_write, which it includes.',
    },
  },
  {
    id: 'vso.notification_diagnostics',
    resource: 'azure-devops',
    category: 'Notifications',
    highPrivilege: false,
    includes: ['vso.notification'],
    tier: 'low',
    sources: {
      operations: [op('notification', 'Diagnostic Logs_List'), op('notification', 'Diagnostics_Update')],
    },
  },
  {
    id: 'vso.packaging',
    resource: 'azure-devops',
    category: 'Packaging',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'medium',
    sources: {
      operations: [
        op('artifacts', 'Feed  Management_Get Feeds'),
        op('artifactsPackageTypes', 'NuGet_Download Package'),
        op('artifactsPackageTypes', 'Npm_DownloadPackage'),
      ],
    },
  },
  {
    id: 'vso.packaging_write',
    resource: 'azure-devops',
    category: 'Packaging',
    highPrivilege: true,
    includes: ['vso.packaging'],
    tier: 'high',
    sources: {
      operations: [op('artifacts', 'Feed  Management_Create Feed'), op('artifactsPackageTypes', 'NuGet_Update Package Versions')],
      note: "Publishing a package goes through each package type's own protocol (NuGet push, npm publish), which the specifications do not list.",
    },
  },
  {
    id: 'vso.packaging_manage',
    resource: 'azure-devops',
    category: 'Packaging',
    highPrivilege: true,
    includes: ['vso.packaging_write'],
    tier: 'high',
    sources: {
      operations: [
        op('artifacts', 'Feed  Management_Update Feed'),
        op('artifacts', 'Feed  Management_Delete Feed'),
        op('artifacts', 'Feed  Management_Set Feed Permissions'),
        op('artifactsPackageTypes', 'NuGet_Delete Package Version'),
      ],
    },
  },
  {
    id: 'vso.pipelineresources_use',
    resource: 'azure-devops',
    category: 'Pipeline Resources',
    highPrivilege: true,
    includes: [],
    tier: 'high',
    sources: {
      operations: [op('approvalsAndChecks', 'Approvals_Update')],
    },
  },
  {
    id: 'vso.pipelineresources_manage',
    resource: 'azure-devops',
    category: 'Pipeline Resources',
    highPrivilege: true,
    includes: ['vso.pipelineresources_use'],
    tier: 'high',
    sources: {
      operations: [
        op('approvalsAndChecks', 'Pipeline Permissions_Update Pipeline Permisions For Resource'),
        op('approvalsAndChecks', 'Check Configurations_Add'),
        op('approvalsAndChecks', 'Check Configurations_Update'),
        op('approvalsAndChecks', 'Check Configurations_Delete'),
        op('build', 'Authorizedresources_Authorize Project Resources'),
      ],
    },
  },
  {
    id: 'vso.project',
    resource: 'azure-devops',
    category: 'Project and Team',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('core', 'Projects_List'), op('core', 'Teams_Get All Teams'), op('core', 'Projects_Get Project Properties')],
    },
  },
  {
    id: 'vso.project_write',
    resource: 'azure-devops',
    category: 'Project and Team',
    highPrivilege: false,
    includes: ['vso.project'],
    tier: 'medium',
    sources: {
      operations: [op('core', 'Projects_Update'), op('core', 'Teams_Update')],
    },
  },
  {
    id: 'vso.project_manage',
    resource: 'azure-devops',
    category: 'Project and Team',
    highPrivilege: true,
    includes: ['vso.project_write'],
    tier: 'high',
    sources: {
      operations: [op('core', 'Projects_Create'), op('core', 'Projects_Delete'), op('core', 'Teams_Create'), op('core', 'Teams_Delete')],
    },
  },
  {
    id: 'vso.release',
    resource: 'azure-devops',
    category: 'Release',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [op('release', 'Definitions_List'), op('release', 'Releases_List'), op('release', 'Approvals_List')],
    },
  },
  {
    id: 'vso.release_execute',
    resource: 'azure-devops',
    category: 'Release',
    highPrivilege: true,
    includes: ['vso.release'],
    tier: 'high',
    sources: {
      operations: [op('release', 'Definitions_Update'), op('release', 'Releases_Create'), op('release', 'Releases_Update Release Environment')],
    },
  },
  {
    id: 'vso.release_manage',
    resource: 'azure-devops',
    category: 'Release',
    highPrivilege: true,
    includes: ['vso.release_execute'],
    tier: 'high',
    sources: {
      operations: [op('release', 'Approvals_Update'), op('release', 'Definitions_Delete'), op('release', 'Folders_Delete')],
    },
  },
  {
    id: 'vso.securefiles_read',
    resource: 'azure-devops',
    category: 'Secure Files',
    highPrivilege: true,
    includes: [],
    tier: 'high',
    sources: {
      operations: [op('distributedTask', 'Securefiles_Get'), op('distributedTask', 'Securefiles_Get Secure Files By Names')],
      note: 'Both operations return names and properties; with includeDownloadTicket, and the permission for it, a ticket that pipeline tasks use to download the file.',
    },
  },
  {
    id: 'vso.securefiles_write',
    resource: 'azure-devops',
    category: 'Secure Files',
    highPrivilege: true,
    includes: ['vso.securefiles_read'],
    tier: 'high',
    sources: {
      operations: [op('distributedTask', 'Securefiles_Query')],
      note: "Uploading a secure file is in Microsoft's table but not in the specifications, which declare this scope only for querying secure files.",
    },
  },
  {
    id: 'vso.securefiles_manage',
    resource: 'azure-devops',
    category: 'Secure Files',
    highPrivilege: true,
    includes: ['vso.securefiles_write'],
    tier: 'high',
    sources: {
      operations: [op('distributedTask', 'Securefiles_Update Secure File'), op('distributedTask', 'Securefiles_Delete')],
    },
  },
  {
    id: 'vso.security_manage',
    resource: 'azure-devops',
    category: 'Security',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
    sources: {
      operations: [
        op('security', 'Access Control Entries_Set Access Control Entries'),
        op('security', 'Access Control Lists_Set Access Control Lists'),
        op('security', 'Access Control Entries_Remove Access Control Entries'),
        op('securityRoles', 'Roleassignments_Set Role Assignments'),
      ],
    },
  },
  {
    id: 'vso.serviceendpoint',
    resource: 'azure-devops',
    category: 'Service Connections',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [op('serviceEndpoint', 'Endpoints_Get'), op('serviceEndpoint', 'Endpoints_Get Service Endpoints By Names')],
    },
  },
  {
    id: 'vso.serviceendpoint_query',
    resource: 'azure-devops',
    category: 'Service Connections',
    highPrivilege: false,
    includes: ['vso.serviceendpoint'],
    // Our judgement: queries run with the connection's stored credentials.
    tier: 'high',
    sources: {
      operations: [op('serviceEndpoint', 'Endpointproxy_Query')],
    },
  },
  {
    id: 'vso.serviceendpoint_manage',
    resource: 'azure-devops',
    category: 'Service Connections',
    highPrivilege: true,
    includes: ['vso.serviceendpoint_query'],
    tier: 'high',
    sources: {
      operations: [
        op('serviceEndpoint', 'Endpoints_Create'),
        op('serviceEndpoint', 'Endpoints_Update Service Endpoint'),
        op('serviceEndpoint', 'Endpoints_Delete'),
        op('serviceEndpoint', 'Endpoints_Share Service Endpoint'),
      ],
    },
  },
  {
    id: 'vso.hooks',
    resource: 'azure-devops',
    category: 'Service Hooks',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [op('hooks', 'Subscriptions_List', 'vso.code'), op('hooks', 'Consumers_List', 'vso.code')],
      note: 'Microsoft marks the service hook scopes "no longer public"; the hooks operations declare vso.code, vso.build and vso.work, which include this scope.',
    },
  },
  {
    id: 'vso.hooks_write',
    resource: 'azure-devops',
    category: 'Service Hooks',
    highPrivilege: false,
    includes: ['vso.hooks'],
    tier: 'medium',
    sources: {
      operations: [
        op('hooks', 'Subscriptions_Create', 'vso.code'),
        op('hooks', 'Subscriptions_Replace Subscription', 'vso.code'),
        op('hooks', 'Subscriptions_Delete', 'vso.code'),
      ],
      note: 'Microsoft marks the service hook scopes "no longer public"; the hooks operations declare vso.code, vso.build and vso.work, which include this scope.',
    },
  },
  {
    id: 'vso.hooks_interact',
    resource: 'azure-devops',
    category: 'Service Hooks',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'medium',
    sources: {
      operations: [],
      withoutOperations: 'Microsoft marks it "no longer public" and no published operation declares it; Microsoft\'s table is the only source.',
    },
  },
  {
    id: 'vso.settings',
    resource: 'azure-devops',
    category: 'Settings',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [],
      withoutOperations: "No published operation declares it; Microsoft's table describes reading settings.",
    },
  },
  {
    id: 'vso.settings_write',
    resource: 'azure-devops',
    category: 'Settings',
    highPrivilege: false,
    includes: ['vso.settings'],
    tier: 'medium',
    sources: {
      operations: [],
      withoutOperations: "No published operation declares it; Microsoft's table describes reading and writing settings.",
    },
  },
  {
    id: 'vso.symbols',
    resource: 'azure-devops',
    category: 'Symbols',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [op('symbol', 'Requests_Get Requests Request Id'), op('symbol', 'Symsrv_Get')],
    },
  },
  {
    id: 'vso.symbols_write',
    resource: 'azure-devops',
    category: 'Symbols',
    highPrivilege: false,
    includes: ['vso.symbols'],
    tier: 'medium',
    sources: {
      operations: [op('symbol', 'Requests_Create Requests'), op('symbol', 'Requests_Create Requests Request Id Debug Entries')],
    },
  },
  {
    id: 'vso.symbols_manage',
    resource: 'azure-devops',
    category: 'Symbols',
    highPrivilege: false,
    includes: ['vso.symbols_write'],
    tier: 'medium',
    sources: {
      operations: [op('symbol', 'Requests_Delete Requests Request Id')],
    },
  },
  {
    id: 'vso.taskgroups_read',
    resource: 'azure-devops',
    category: 'Task Groups',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('distributedTask', 'Taskgroups_List')],
    },
  },
  {
    id: 'vso.taskgroups_write',
    resource: 'azure-devops',
    category: 'Task Groups',
    highPrivilege: false,
    includes: ['vso.taskgroups_read'],
    tier: 'medium',
    sources: {
      operations: [op('distributedTask', 'Taskgroups_Add')],
    },
  },
  {
    id: 'vso.taskgroups_manage',
    resource: 'azure-devops',
    category: 'Task Groups',
    highPrivilege: true,
    includes: ['vso.taskgroups_write'],
    tier: 'high',
    sources: {
      operations: [op('distributedTask', 'Taskgroups_Update'), op('distributedTask', 'Taskgroups_Delete')],
    },
  },
  {
    id: 'vso.dashboards',
    resource: 'azure-devops',
    category: 'Team Dashboard',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('dashboard', 'Dashboards_List'), op('dashboard', 'Widgets_Get Widgets')],
    },
  },
  {
    id: 'vso.dashboards_manage',
    resource: 'azure-devops',
    category: 'Team Dashboard',
    highPrivilege: false,
    includes: ['vso.dashboards'],
    tier: 'medium',
    sources: {
      operations: [op('dashboard', 'Dashboards_Create'), op('dashboard', 'Widgets_Create'), op('dashboard', 'Dashboards_Delete')],
    },
  },
  {
    id: 'vso.test',
    resource: 'azure-devops',
    category: 'Test Management',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'low',
    sources: {
      operations: [op('testPlan', 'Test Point_Get Points'), op('test', 'Runs_List'), op('testResults', 'Results_Get Test Results')],
    },
  },
  {
    id: 'vso.test_write',
    resource: 'azure-devops',
    category: 'Test Management',
    highPrivilege: false,
    includes: ['vso.test'],
    tier: 'medium',
    sources: {
      operations: [op('test', 'Runs_Create'), op('testResults', 'Results_Add'), op('testResults', 'Results_Update')],
    },
  },
  {
    id: 'vso.threads_full',
    resource: 'azure-devops',
    category: 'Threads',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
    sources: {
      operations: [op('git', 'Pull Request Threads_List'), op('git', 'Pull Request Threads_Create'), op('git', 'Pull Request Thread Comments_Create')],
    },
  },
  {
    id: 'vso.tokens',
    resource: 'azure-devops',
    category: 'Tokens',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
    sources: {
      operations: [op('delegatedAuth', 'Registration Secret_Create'), op('delegatedAuth', 'Registration Secret_Rotate Secret')],
      note: "Microsoft's table calls it managing delegated authorization tokens; the specifications declare it for the secrets of OAuth app registrations. Since June 2025 the personal access token API declares vso.pats and vso.pats_manage instead.",
    },
  },
  {
    id: 'vso.tokenadministration',
    resource: 'azure-devops',
    category: 'Tokens',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
    sources: {
      operations: [
        op('tokenAdmin', 'Personal Access Tokens_List'),
        op('tokenAdmin', 'Revocations_Revoke Authorizations'),
        op('tokenAdmin', 'Revocation Rules_Create'),
      ],
    },
  },
  {
    id: 'vso.pats',
    resource: 'azure-devops',
    category: 'Tokens',
    // Not in Microsoft's table, so no published flag: our assessment, like Graph's.
    highPrivilege: false,
    includes: [],
    tier: 'low',
    outsideScopeTable: 'Entra ID only, added in 2025: the personal access token API of the specifications (area tokens, API version 7.2) declares it.',
    sources: {
      operations: [op('tokens', 'Pats_Get')],
    },
  },
  {
    id: 'vso.pats_manage',
    resource: 'azure-devops',
    category: 'Tokens',
    // Not in Microsoft's table either: our assessment.
    highPrivilege: true,
    includes: ['vso.pats'],
    // Our judgement: a token it creates can carry any scope and outlives this app's authorization.
    tier: 'critical',
    outsideScopeTable: 'Entra ID only, added in 2025: the personal access token API of the specifications (area tokens, API version 7.2) declares it.',
    sources: {
      operations: [op('tokens', 'Pats_Create'), op('tokens', 'Pats_Update'), op('tokens', 'Pats_Revoke')],
    },
  },
  {
    id: 'vso.profile',
    resource: 'azure-devops',
    category: 'User Profile',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('profile', 'Profiles_Get'), op('account', 'Accounts_List'), op('core', 'Projects_List')],
    },
  },
  {
    id: 'vso.profile_write',
    resource: 'azure-devops',
    category: 'User Profile',
    highPrivilege: false,
    includes: ['vso.profile'],
    tier: 'medium',
    sources: {
      operations: [op('favorite', 'Favorites_Create Favorite'), op('favorite', 'Favorites_Delete Favorite By Id')],
      note: "The specifications declare it only for favorites; changing the profile itself rests on Microsoft's table.",
    },
  },
  {
    id: 'vso.variablegroups_read',
    resource: 'azure-devops',
    category: 'Variable Groups',
    highPrivilege: false,
    includes: [],
    // Our judgement: values not marked secret often still hold credentials.
    tier: 'medium',
    sources: {
      operations: [op('distributedTask', 'Variablegroups_Get'), op('distributedTask', 'Variablegroups_Get Variable Groups By Id')],
    },
  },
  {
    id: 'vso.variablegroups_write',
    resource: 'azure-devops',
    category: 'Variable Groups',
    highPrivilege: false,
    includes: ['vso.variablegroups_read'],
    tier: 'medium',
    sources: {
      operations: [op('distributedTask', 'Variablegroups_Add')],
      note: 'API version 5.1 declares vso.variablegroups_write for creating a variable group; from 7.1 the specifications declare vso.variablegroups_manage for it.',
    },
  },
  {
    id: 'vso.variablegroups_manage',
    resource: 'azure-devops',
    category: 'Variable Groups',
    highPrivilege: true,
    includes: ['vso.variablegroups_write'],
    tier: 'high',
    sources: {
      operations: [
        op('distributedTask', 'Variablegroups_Add'),
        op('distributedTask', 'Variablegroups_Update'),
        op('distributedTask', 'Variablegroups_Delete'),
        op('distributedTask', 'Variablegroups_Share Variable Group'),
      ],
    },
  },
  {
    id: 'vso.wiki',
    resource: 'azure-devops',
    category: 'Wiki',
    highPrivilege: false,
    includes: [],
    tier: 'low',
    sources: {
      operations: [op('wiki', 'Pages_Get Page'), op('wiki', 'Wikis_List'), op('search', 'Wiki Search Results_Fetch Wiki Search Results')],
    },
  },
  {
    id: 'vso.wiki_write',
    resource: 'azure-devops',
    category: 'Wiki',
    highPrivilege: false,
    includes: ['vso.wiki'],
    tier: 'medium',
    sources: {
      operations: [op('wiki', 'Pages_Create Or Update'), op('wiki', 'Attachments_Create'), op('wiki', 'Pages_Delete Page')],
    },
  },
  {
    id: 'vso.work',
    resource: 'azure-devops',
    category: 'Work Items',
    highPrivilege: false,
    includes: ['vso.hooks_write'],
    // Medium, not low: Microsoft's table has it include vso.hooks_write.
    tier: 'medium',
    sources: {
      operations: [
        op('wit', 'Work Items_Get Work Item'),
        op('wit', 'Wiql_Query By Wiql'),
        op('search', 'Work Item Search Results_Fetch Work Item Search Results'),
        op('hooks', 'Subscriptions_Create'),
      ],
    },
  },
  {
    id: 'vso.work_write',
    resource: 'azure-devops',
    category: 'Work Items',
    highPrivilege: false,
    includes: ['vso.work'],
    tier: 'medium',
    sources: {
      operations: [
        op('wit', 'Work Items_Create'),
        op('wit', 'Work Items_Update'),
        op('wit', 'Work Items_Delete'),
        op('wit', 'Recyclebin_Destroy Work Item'),
        op('wit', 'Queries_Delete'),
        op('wit', 'Fields_Delete'),
        op('wit', 'Classification Nodes_Delete'),
      ],
    },
  },
  {
    id: 'vso.work_full',
    resource: 'azure-devops',
    category: 'Work Items',
    highPrivilege: false,
    includes: ['vso.work_write'],
    tier: 'medium',
    sources: {
      operations: [op('wit', 'Attachments_Delete')],
      note: 'Deleting and destroying work items already declares vso.work_write; deleting attachments is the one operation that declares vso.work_full.',
    },
  },
  {
    id: 'user_impersonation',
    resource: 'azure-devops',
    category: 'User Impersonation',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
    sources: {
      operations: [],
      withoutOperations: 'The Entra ID scope for full access: no operation declares it because every operation accepts it.',
    },
  },

  // ------------------------------------------------------ Microsoft Graph / OpenID
  {
    id: 'openid',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Sign-in',
    highPrivilege: false,
    includes: [],
    tier: 'low',
  },
  {
    id: 'profile',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Sign-in',
    highPrivilege: false,
    includes: [],
    tier: 'low',
  },
  {
    id: 'email',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Sign-in',
    highPrivilege: false,
    includes: [],
    tier: 'low',
  },
  {
    id: 'offline_access',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Sign-in',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
  },
  {
    id: 'User.Read',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: User',
    highPrivilege: false,
    includes: [],
    tier: 'low',
  },
  {
    id: 'User.ReadBasic.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: User',
    // Our judgement: only basic directory details, which most staff can see anyway.
    highPrivilege: false,
    includes: [],
    tier: 'medium',
  },
  {
    id: 'User.Read.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: User',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Mail.Read',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Mail',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Mail.ReadBasic',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Mail',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Mail.ReadWrite',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Mail',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
  },
  {
    id: 'Mail.Send',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Mail',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
  },
  {
    id: 'MailboxSettings.ReadWrite',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Mail',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Contacts.Read',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Contacts',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
  },
  {
    id: 'Calendars.Read',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Calendars',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
  },
  {
    id: 'Calendars.ReadWrite',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Calendars',
    // Our judgement: creating events sends meeting invitations from you.
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Files.Read',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Files',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
  },
  {
    id: 'Files.Read.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Files',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Files.ReadWrite',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Files',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Files.ReadWrite.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Files',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
  },
  {
    id: 'Sites.Read.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Sites',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Sites.ReadWrite.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Sites',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
  },
  {
    id: 'Notes.Read.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Notes',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Chat.Read',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Teams',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'ChannelMessage.Send',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Teams',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Directory.Read.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Directory',
    highPrivilege: true,
    includes: [],
    tier: 'high',
  },
  {
    id: 'Directory.AccessAsUser.All',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: Directory',
    highPrivilege: true,
    includes: [],
    tier: 'critical',
  },
  {
    id: 'People.Read',
    resource: 'microsoft-graph',
    category: 'Microsoft Graph: People',
    highPrivilege: false,
    includes: [],
    tier: 'medium',
  },
];

/** A key of the English messages file: the type every shell's translate function takes. */
export type MessageKey = keyof typeof englishMessages;

/**
 * The message key of a scope's display name (Microsoft's, as its consent screens show it) or explanation:
 * `scope_vso_code_write_name`, `scope_vso_code_write_can`, `scope_Mail_Read_misuse`. These messages carry
 * no description in messages.json: the key says what each one is.
 */
export function scopeTextKey(id: string, part: 'name' | 'can' | 'misuse'): MessageKey {
  return `scope_${id.replace(/[^A-Za-z0-9]/g, '_')}_${part}` as MessageKey;
}

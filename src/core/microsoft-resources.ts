/**
 * Microsoft's own APIs (resources) by their application ids and resource URIs, as data, so that a request
 * for one of them is judged as what it is (Azure Resource Manager on the Azure portal's sign-in, Exchange
 * on Outlook's) rather than as an "unknown scope".
 * Sources: Microsoft Learn, "Verify first-party Microsoft applications in sign-in reports" (application ids),
 * each service's "Authenticate with Microsoft Entra ID" page (resource URIs per cloud), and
 * ../shared/reference/ado-api.md for Azure DevOps. Checked 2026-12.
 */

export interface MicrosoftResource {
  /** How a person knows the service. */
  readonly name: string;
  /** Entra application ids (lowercase). */
  readonly appIds: readonly string[];
  /** Resource URIs, lowercase, without a trailing slash. */
  readonly uris: readonly string[];
  /** Host suffixes where the customer picks the first label (`<tenant>.sharepoint.com`): any host under them is this resource. */
  readonly hostSuffixes?: readonly string[];
}

export const AZURE_DEVOPS_RESOURCE_NAME = 'Azure DevOps';
export const LEGACY_AAD_GRAPH_NAME = 'Azure AD Graph (retired)';

export const MICROSOFT_RESOURCES: readonly MicrosoftResource[] = [
  {
    name: AZURE_DEVOPS_RESOURCE_NAME,
    appIds: ['499b84ac-1321-427f-aa17-267ca6975798'],
    uris: ['https://app.vssps.visualstudio.com', 'api://499b84ac-1321-427f-aa17-267ca6975798'],
  },
  {
    name: 'Microsoft Graph',
    appIds: ['00000003-0000-0000-c000-000000000000'],
    uris: [
      'https://graph.microsoft.com',
      'https://canary.graph.microsoft.com',
      'https://graph.microsoft.us',
      'https://dod-graph.microsoft.us',
      'https://microsoftgraph.chinacloudapi.cn',
    ],
  },
  { name: LEGACY_AAD_GRAPH_NAME, appIds: ['00000002-0000-0000-c000-000000000000'], uris: ['https://graph.windows.net', 'https://graph.chinacloudapi.cn'] },
  {
    name: 'Azure Resource Manager',
    appIds: ['797f4846-ba00-4fd7-ba43-dac1f8f63013'],
    uris: [
      'https://management.core.windows.net',
      'https://management.azure.com',
      'https://management.usgovcloudapi.net',
      'https://management.core.usgovcloudapi.net',
      'https://management.chinacloudapi.cn',
      'https://management.core.chinacloudapi.cn',
    ],
  },
  {
    name: 'Exchange Online',
    appIds: ['00000002-0000-0ff1-ce00-000000000000'],
    uris: ['https://outlook.office365.com', 'https://outlook.office.com', 'https://ps.outlook.com', 'https://outlook.office365.us'],
  },
  { name: 'SharePoint Online', appIds: ['00000003-0000-0ff1-ce00-000000000000'], uris: [], hostSuffixes: ['sharepoint.com', 'sharepoint.us', 'sharepoint.cn'] },
  { name: 'Skype for Business Online', appIds: ['00000004-0000-0ff1-ce00-000000000000'], uris: ['https://webdir.online.lync.com'] },
  { name: 'Microsoft Teams services', appIds: ['cc15fd57-2c6c-4117-a88c-83b1d56b4bbe'], uris: ['https://api.spaces.skype.com'] },
  {
    name: 'Microsoft 365 (Office) services',
    appIds: [],
    uris: ['https://www.office.com', 'https://webshell.suite.office.com', 'https://substrate.office.com', 'https://officeapps.live.com'],
  },
  { name: 'Office 365 Management APIs', appIds: ['c5393580-f805-4401-95e8-94b7a6ef2fc2'], uris: ['https://manage.office.com'] },
  {
    name: 'Azure Key Vault',
    appIds: ['cfa8b339-82a2-471a-a3c9-0fc0be7a4093'],
    uris: ['https://vault.azure.net', 'https://vault.usgovcloudapi.net', 'https://vault.azure.cn'],
  },
  {
    name: 'Azure Storage',
    appIds: ['e406a681-f3d4-42a8-90b6-c2b029497af1'],
    uris: ['https://storage.azure.com'],
    hostSuffixes: ['blob.core.windows.net', 'queue.core.windows.net', 'table.core.windows.net', 'file.core.windows.net', 'dfs.core.windows.net'],
  },
  {
    name: 'Azure SQL Database',
    appIds: ['022907d3-0f1b-48f7-badc-1ba6abab6d66'],
    uris: ['https://database.windows.net', 'https://database.usgovcloudapi.net', 'https://database.chinacloudapi.cn'],
  },
  {
    name: 'Power BI',
    appIds: ['00000009-0000-0000-c000-000000000000'],
    uris: ['https://analysis.windows.net/powerbi/api', 'https://analysis.usgovcloudapi.net/powerbi/api'],
  },
  { name: 'Dynamics 365 / Dataverse', appIds: ['00000007-0000-0000-c000-000000000000'], uris: [], hostSuffixes: ['dynamics.com'] },
  { name: 'Power Platform', appIds: [], uris: ['https://service.powerapps.com', 'https://api.powerplatform.com', 'https://service.flow.microsoft.com'] },
  { name: 'Azure Service Bus', appIds: ['80369ed6-5f11-4dd9-bef3-692475845e77'], uris: ['https://servicebus.azure.net'] },
  { name: 'Azure Event Hubs', appIds: [], uris: ['https://eventhubs.azure.net'] },
  {
    name: 'Azure Monitor Logs (Log Analytics)',
    appIds: ['ca7f3f0b-7d91-482c-8e09-c5d840d0eac5'],
    uris: ['https://api.loganalytics.io', 'https://api.applicationinsights.io', 'https://monitor.azure.com'],
  },
  { name: 'Azure Data Explorer', appIds: [], uris: [], hostSuffixes: ['kusto.windows.net'] },
  { name: 'Azure Cosmos DB', appIds: [], uris: ['https://cosmos.azure.com'] },
  { name: 'Azure AI services', appIds: [], uris: ['https://cognitiveservices.azure.com', 'https://ai.azure.com'] },
  { name: 'Azure Databricks', appIds: ['2ff814a6-3304-4ab8-85cb-cd0e6f879c1d'], uris: [] },
  { name: 'Azure Synapse Analytics', appIds: [], uris: ['https://dev.azuresynapse.net'] },
  { name: 'Azure Batch', appIds: [], uris: ['https://batch.core.windows.net'] },
  { name: 'Microsoft Intune', appIds: ['0000000a-0000-0000-c000-000000000000'], uris: ['https://api.manage.microsoft.com'] },
  {
    name: 'Microsoft Defender for Endpoint',
    appIds: ['fc780465-2017-40d4-a0c5-307022471b92'],
    uris: ['https://api.securitycenter.microsoft.com', 'https://api.security.microsoft.com'],
  },
];

/** Microsoft account (personal) scopes that are not Microsoft Graph permissions: Live Connect and service tickets. */
export const MICROSOFT_ACCOUNT_SCOPES_NAME = 'Microsoft account services';

const byIdOrUri = new Map<string, MicrosoftResource>();
for (const resource of MICROSOFT_RESOURCES) {
  for (const key of [...resource.appIds, ...resource.uris]) byIdOrUri.set(key, resource);
}
const bySuffix: readonly [string, MicrosoftResource][] = MICROSOFT_RESOURCES.flatMap((resource) =>
  (resource.hostSuffixes ?? []).map((suffix): [string, MicrosoftResource] => [suffix, resource]),
);

/**
 * The Microsoft resource a `resource=` value or a scope's resource part names: an application id, a
 * resource URI (`https://management.core.windows.net/`), or a URI under a customer-labelled suffix.
 * `value` must be lowercase.
 */
export function findMicrosoftResource(value: string): MicrosoftResource | undefined {
  const trimmed = value.trim().replace(/\/+$/, '');
  const direct = byIdOrUri.get(trimmed);
  if (direct) return direct;
  const origin = /^https?:\/\/([^/?#]+)/.exec(trimmed);
  if (!origin?.[1]) return undefined;
  // A port or a trailing dot on the host names the same server.
  const host = origin[1].replace(/:\d+$/, '').replace(/\.+$/, '');
  const atOrigin = byIdOrUri.get(`https://${host}`);
  if (atOrigin) return atOrigin;
  for (const [suffix, resource] of bySuffix) if (host.endsWith(`.${suffix}`)) return resource;
  return undefined;
}

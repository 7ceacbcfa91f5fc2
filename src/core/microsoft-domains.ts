/**
 * Which Microsoft-run names a customer can pick, and which are Microsoft's own infrastructure, as data.
 *
 * Sources (read 2026-12-02):
 * - [hosts.md] ../shared/reference/hosts.md, "Microsoft-run domains whose subdomains customers choose" and
 *   "Microsoft infrastructure that is not a lookalike" (facts, 2026-12).
 * - [m365-ww] Microsoft 365 URLs and IP address ranges, Worldwide (MicrosoftDocs/microsoft-365-docs,
 *   microsoft-365/includes/office-365-worldwide-endpoints.md, endpoints version 2022072800, and
 *   microsoft-365/enterprise/urls-and-ip-address-ranges.md, last updated 2025-04-02, for the `.microsoft` domains):
 *   endpoint sets 56 and 59 (Microsoft Entra ID) and 184 (Microsoft 365 unified domains).
 * - [m365-gcch] the same list for US Government GCC High (office-365-u.s.-government-gcc-high-endpoints.md,
 *   version 2023030100): endpoint sets 13 and 14.
 * - [m365-cn] the same list for Microsoft 365 operated by 21Vianet (office-365-operated-by-21vianet-endpoints.md,
 *   version 2021032900): endpoint sets 4, 7, 8, 9, 10, 13, 17.
 * - [mdca] Defender for Cloud Apps, "Troubleshooting - What is *.mcas.ms, *.mcas-gov.us, or *.mcas-gov.ms?"
 *   (learn.microsoft.com/defender-cloud-apps/troubleshooting-proxy-url, 2024-10-23; its 2021-11-09 version
 *   "What is *.cas.ms, *.mcas.ms, or *.mcas-gov.us?" for the older `cas.ms` and `rs2-mcas.ms` forms).
 * - [azgov] Compare Azure Government and global Azure (MicrosoftDocs/azure-docs,
 *   articles/azure-government/compare-azure-government-global-azure.md): the service-to-domain table.
 * - [appproxy] Microsoft Entra application proxy connector requirements (external URLs on `*.msappproxy.net`).
 * - [azcn] Azure China docs: App Service apps get `<app>.chinacloudsites.cn`.
 * - [azml] Azure Machine Learning network requirements (MicrosoftDocs/azure-docs): storage accounts as
 *   `<storage>.{blob,file,dfs}.core.{windows.net,usgovcloudapi.net,chinacloudapi.cn}` in each cloud.
 * - [pe-dns] Azure Private Endpoint DNS configuration (MicrosoftDocs/azure-docs,
 *   articles/private-link/private-endpoint-dns.md, 2023-10-11): the "Public DNS zone forwarders" column names,
 *   per service and cloud, the public zone under which each customer resource gets its name.
 * - [ado-allow] Azure DevOps, "Allowed IP addresses and domain URLs" (MicrosoftDocs/azure-devops-docs,
 *   docs/organizations/security/allow-list-ip-url.md, 2024-01-02): `{organization_name}.visualstudio.com` and
 *   `{organization_name}.{vsrm,vstmr,pkgs,vssps}.visualstudio.com`.
 * - [msal] MSAL.NET's known Entra authorities (AzureAD/microsoft-authentication-library-for-dotnet,
 *   src/client/Microsoft.Identity.Client/Instance/Discovery/KnownMetadataProvider.cs): every cloud's sign-in
 *   host, the national partner clouds (Bleu `login.sovcloud-identity.fr`, Delos `.de`, GovSG `.sg`) and the
 *   pre-production ring.
 * - [mdca-net] Defender for Cloud Apps network requirements (MicrosoftDocs/CloudAppSecurityDocs,
 *   network-requirements.md, 2023-03-15): `*.access.mcas.ms`, `*.access.mcas-gov.us`, `*.access.mcas-gov.ms`,
 *   `*.access.cloudappsecurity.us`, the portals under `cloudappsecurity.com`, `.us` and `cloudappsecuritygov.com`.
 * - [aca] Azure Container Apps (`<app>.<environment>.<region>.azurecontainerapps.io`), [aci] Azure Container
 *   Instances (`<label>.<region>.azurecontainer.io`), [devtunnels] Microsoft dev tunnels
 *   (`<tunnel>-<port>.<cluster>.devtunnels.ms`), [spring] Azure Spring Apps (`<service>-<app>.azuremicroservices.io`),
 *   [stg-dns] Azure Storage DNS zone endpoints (`<account>.z<nn>.<service>.storage.azure.net`): each service's
 *   own "default domain" documentation on Microsoft Learn.
 */

export interface CustomerLabelledDomain {
  /** The Microsoft-run suffix; the labels to its left are the customer's. */
  readonly suffix: string;
  /** Who picks the label, in a few words (shown to analysts and used in messages). */
  readonly service: string;
  /** Extra labels Microsoft puts between the customer's label and the suffix (`<label>.<region>.cloudapp.azure.com`). */
  readonly microsoftLabels?: number;
  /** An optional Microsoft label next to the suffix, by its shape (the zone in `<account>.z13.web.core.windows.net`). */
  readonly optionalMicrosoftLabel?: RegExp;
  /**
   * Microsoft's service labels that may sit between the customer's label and the suffix
   * (`<org>.vsrm.visualstudio.com` is the organization's release service) [ado-allow].
   */
  readonly serviceLabels?: ReadonlySet<string>;
  /**
   * The customer picks exactly one label: a deeper name is Microsoft's own (`spsprodweu5.vssps.visualstudio.com`
   * is an Azure DevOps scale unit; an organization is only ever `<org>.visualstudio.com`).
   */
  readonly singleCustomerLabel?: true;
  readonly source: string;
}

/**
 * Registrable domains run by Microsoft where a customer picks the label (and gets a valid certificate for it).
 * A host under one is judged like any other host: its customer part goes through every lookalike check, and
 * an Azure DevOps authorization request there is a request off Microsoft's sign-in hosts.
 */
export const CUSTOMER_LABELLED_DOMAINS: readonly CustomerLabelledDomain[] = [
  { suffix: 'cloudapp.azure.com', service: 'Azure virtual machine DNS labels', microsoftLabels: 1, source: 'hosts.md; azgov' },
  { suffix: 'azurewebsites.net', service: 'Azure App Service apps', source: 'hosts.md; azgov' },
  { suffix: 'azurestaticapps.net', service: 'Azure Static Web Apps', source: 'hosts.md' },
  { suffix: 'azure-api.net', service: 'Azure API Management', source: 'hosts.md; azgov' },
  { suffix: 'cloudapp.net', service: 'Azure classic cloud services', source: 'hosts.md; azgov; m365-ww set 72' },
  { suffix: 'trafficmanager.net', service: 'Azure Traffic Manager profiles', source: 'hosts.md; azgov' },
  { suffix: 'azureedge.net', service: 'Azure CDN endpoints', source: 'hosts.md; m365-ww set 44' },
  { suffix: 'azurefd.net', service: 'Azure Front Door endpoints', source: 'hosts.md' },
  { suffix: 'web.core.windows.net', service: 'Azure Storage static websites', optionalMicrosoftLabel: /^z\d+$/, source: 'hosts.md' },
  { suffix: 'blob.core.windows.net', service: 'Azure Storage blob accounts', source: 'hosts.md; azgov; m365-ww set 67' },
  { suffix: 'dfs.core.windows.net', service: 'Azure Data Lake Storage accounts', source: 'hosts.md; azml' },
  { suffix: 'file.core.windows.net', service: 'Azure Storage file accounts', source: 'azgov; azml' },
  { suffix: 'queue.core.windows.net', service: 'Azure Storage queue accounts', source: 'azgov' },
  { suffix: 'table.core.windows.net', service: 'Azure Storage table accounts', source: 'azgov' },
  { suffix: 'servicebus.windows.net', service: 'Azure Service Bus and Event Hubs namespaces', source: 'azgov' },
  { suffix: 'database.windows.net', service: 'Azure SQL Database servers', source: 'azgov' },
  { suffix: 'redis.cache.windows.net', service: 'Azure Cache for Redis', source: 'azgov' },
  { suffix: 'search.windows.net', service: 'Azure Cognitive Search services', source: 'azgov' },
  { suffix: 'batch.azure.com', service: 'Azure Batch accounts', microsoftLabels: 1, source: 'azgov' },
  { suffix: 'documents.azure.com', service: 'Azure Cosmos DB accounts', source: 'azgov' },
  { suffix: 'mysql.database.azure.com', service: 'Azure Database for MySQL servers', source: 'azgov' },
  { suffix: 'postgres.database.azure.com', service: 'Azure Database for PostgreSQL servers', source: 'azgov' },
  { suffix: 'mariadb.database.azure.com', service: 'Azure Database for MariaDB servers', source: 'azgov' },
  { suffix: 'b2clogin.com', service: 'Azure AD B2C tenants', source: 'hosts.md' },
  { suffix: 'ciamlogin.com', service: 'Microsoft Entra External ID tenants', source: 'hosts.md' },
  { suffix: 'onmicrosoft.com', service: 'Microsoft 365 tenant names', source: 'hosts.md; m365-ww sets 78, 154' },
  { suffix: 'sharepoint.com', service: 'SharePoint Online tenant names', source: 'hosts.md; m365-ww set 31' },
  {
    suffix: 'mail.protection.outlook.com',
    service: "Exchange Online mail hosts, named after the customer's domain",
    source: 'm365-ww (*.mail.protection.outlook.com)',
  },
  {
    suffix: 'visualstudio.com',
    service: 'Azure DevOps organization names',
    singleCustomerLabel: true,
    serviceLabels: new Set(['vssps', 'vsrm', 'vstmr', 'pkgs', 'vsblob', 'vsaex', 'feeds']),
    source: 'hosts.md; ado-allow',
  },
  { suffix: 'powerappsportals.com', service: 'Power Pages sites', source: 'hosts.md' },
  { suffix: 'msappproxy.net', service: 'Microsoft Entra application proxy apps', source: 'appproxy' },
  { suffix: 'azurehdinsight.net', service: 'Azure HDInsight clusters', source: 'azgov' },
  { suffix: 'usercontent.microsoft', service: 'Microsoft 365 isolated user content', source: 'm365-ww set 184' },
  // Customer names under domains that are otherwise Microsoft's own (azure.com, windows.net, ...) [pe-dns]: without
  // these entries the customer's label would count as Microsoft's and skip every lookalike check.
  { suffix: 'cosmos.azure.com', service: 'Azure Cosmos DB accounts (MongoDB, Cassandra, Gremlin, Table, PostgreSQL)', source: 'pe-dns' },
  { suffix: 'cognitiveservices.azure.com', service: 'Azure AI services resources', source: 'pe-dns' },
  { suffix: 'openai.azure.com', service: 'Azure OpenAI resources', source: 'pe-dns' },
  { suffix: 'purview.azure.com', service: 'Microsoft Purview accounts', source: 'pe-dns' },
  { suffix: 'purviewstudio.azure.com', service: 'Microsoft Purview portals', source: 'pe-dns' },
  { suffix: 'inference.ml.azure.com', service: 'Azure Machine Learning online endpoints', source: 'pe-dns' },
  { suffix: 'kusto.windows.net', service: 'Azure Data Explorer clusters', source: 'pe-dns' },
  { suffix: 'pbidedicated.windows.net', service: 'Power BI Embedded capacities', source: 'pe-dns' },
  { suffix: 'vault.azure.net', service: 'Azure Key Vaults', source: 'pe-dns' },
  { suffix: 'vaultcore.azure.net', service: 'Azure Key Vaults', source: 'pe-dns' },
  { suffix: 'managedhsm.azure.net', service: 'Azure Key Vault managed HSMs', source: 'pe-dns' },
  { suffix: 'eventgrid.azure.net', service: 'Azure Event Grid topics and domains', source: 'pe-dns' },
  { suffix: 'digitaltwins.azure.net', service: 'Azure Digital Twins instances', source: 'pe-dns' },
  { suffix: 'redisenterprise.cache.azure.net', service: 'Azure Cache for Redis Enterprise', source: 'pe-dns' },
  { suffix: 'media.azure.net', service: 'Azure Media Services accounts', source: 'pe-dns' },
  { suffix: 'notebooks.azure.net', service: 'Azure Machine Learning notebooks', source: 'pe-dns' },
  { suffix: 'blob.storage.azure.net', service: 'Azure Storage blob accounts (DNS zone endpoints)', optionalMicrosoftLabel: /^z\d+$/, source: 'stg-dns' },
  { suffix: 'web.storage.azure.net', service: 'Azure Storage static websites (DNS zone endpoints)', optionalMicrosoftLabel: /^z\d+$/, source: 'stg-dns' },
  { suffix: 'dfs.storage.azure.net', service: 'Azure Data Lake Storage accounts (DNS zone endpoints)', optionalMicrosoftLabel: /^z\d+$/, source: 'stg-dns' },
  { suffix: 'azurecr.io', service: 'Azure Container Registry registries', source: 'pe-dns' },
  { suffix: 'azconfig.io', service: 'Azure App Configuration stores', source: 'pe-dns' },
  { suffix: 'azmk8s.io', service: 'Azure Kubernetes Service clusters', source: 'pe-dns' },
  { suffix: 'azure-devices.net', service: 'Azure IoT Hubs', source: 'pe-dns' },
  { suffix: 'azure-devices-provisioning.net', service: 'Azure IoT Hub Device Provisioning Services', source: 'pe-dns' },
  { suffix: 'service.signalr.net', service: 'Azure SignalR services', source: 'pe-dns' },
  { suffix: 'azuresynapse.net', service: 'Azure Synapse Analytics workspaces', source: 'pe-dns' },
  { suffix: 'azurehealthcareapis.com', service: 'Azure Health Data Services workspaces', source: 'pe-dns' },
  { suffix: 'instances.azureml.ms', service: 'Azure Machine Learning compute instances', source: 'pe-dns' },
  { suffix: 'api.azureml.ms', service: 'Azure Machine Learning workspaces', source: 'pe-dns' },
  { suffix: 'azurecontainerapps.io', service: 'Azure Container Apps', source: 'aca' },
  { suffix: 'azurecontainer.io', service: 'Azure Container Instances DNS labels', source: 'aci' },
  { suffix: 'azuremicroservices.io', service: 'Azure Spring Apps', source: 'spring' },
  { suffix: 'devtunnels.ms', service: 'Microsoft dev tunnels (anyone can open one)', source: 'devtunnels' },
  // US Government counterparts [azgov] and tenant names [m365-gcch set 4].
  { suffix: 'azurewebsites.us', service: 'Azure Government App Service apps', source: 'azgov' },
  { suffix: 'usgovcloudapp.net', service: 'Azure Government classic cloud services', source: 'azgov' },
  { suffix: 'cloudapp.usgovcloudapi.net', service: 'Azure Government virtual machine DNS labels', microsoftLabels: 1, source: 'azgov' },
  { suffix: 'blob.core.usgovcloudapi.net', service: 'Azure Government Storage blob accounts', source: 'azgov; azml' },
  { suffix: 'file.core.usgovcloudapi.net', service: 'Azure Government Storage file accounts', source: 'azgov; azml' },
  { suffix: 'dfs.core.usgovcloudapi.net', service: 'Azure Government Data Lake Storage accounts', source: 'azml' },
  { suffix: 'queue.core.usgovcloudapi.net', service: 'Azure Government Storage queue accounts', source: 'azgov' },
  { suffix: 'table.core.usgovcloudapi.net', service: 'Azure Government Storage table accounts', source: 'azgov' },
  { suffix: 'servicebus.usgovcloudapi.net', service: 'Azure Government Service Bus namespaces', source: 'azgov' },
  { suffix: 'database.usgovcloudapi.net', service: 'Azure Government SQL Database servers', source: 'azgov' },
  { suffix: 'redis.cache.usgovcloudapi.net', service: 'Azure Government Cache for Redis', source: 'azgov' },
  { suffix: 'vault.usgovcloudapi.net', service: 'Azure Government Key Vaults', source: 'azgov' },
  { suffix: 'batch.usgovcloudapi.net', service: 'Azure Government Batch accounts', microsoftLabels: 1, source: 'azgov' },
  { suffix: 'documents.azure.us', service: 'Azure Government Cosmos DB accounts', source: 'azgov' },
  { suffix: 'cognitiveservices.azure.us', service: 'Azure Government Cognitive Services resources', source: 'azgov' },
  { suffix: 'azconfig.azure.us', service: 'Azure Government App Configuration stores', source: 'azgov' },
  { suffix: 'botframework.azure.us', service: 'Azure Government bots', source: 'azgov' },
  { suffix: 'azure-api.us', service: 'Azure Government API Management', source: 'azgov' },
  { suffix: 'usgovtrafficmanager.net', service: 'Azure Government Traffic Manager profiles', source: 'azgov' },
  { suffix: 'azurehdinsight.us', service: 'Azure Government HDInsight clusters', source: 'azgov' },
  { suffix: 'onmicrosoft.us', service: 'Microsoft 365 GCC High tenant names', source: 'm365-gcch set 4' },
  { suffix: 'web.core.usgovcloudapi.net', service: 'Azure Government Storage static websites', optionalMicrosoftLabel: /^z\d+$/, source: 'pe-dns' },
  { suffix: 'vaultcore.usgovcloudapi.net', service: 'Azure Government Key Vaults', source: 'pe-dns' },
  { suffix: 'search.windows.us', service: 'Azure Government Cognitive Search services', source: 'pe-dns' },
  { suffix: 'cognitiveservices.azure.us', service: 'Azure Government AI services resources', source: 'pe-dns' },
  { suffix: 'azure-devices.us', service: 'Azure Government IoT Hubs', source: 'pe-dns' },
  { suffix: 'instances.azureml.us', service: 'Azure Government Machine Learning compute instances', source: 'pe-dns' },
  { suffix: 'sharepoint.us', service: 'SharePoint Online GCC High tenant names', source: 'm365-gcch set 9' },
  // China (21Vianet) counterparts.
  { suffix: 'chinacloudsites.cn', service: 'Azure China App Service apps', source: 'azcn; m365-cn set 7' },
  { suffix: 'chinacloudapp.cn', service: 'Azure China cloud services', source: 'm365-cn set 7' },
  { suffix: 'blob.core.chinacloudapi.cn', service: 'Azure China Storage blob accounts', source: 'azml' },
  { suffix: 'file.core.chinacloudapi.cn', service: 'Azure China Storage file accounts', source: 'azml' },
  { suffix: 'dfs.core.chinacloudapi.cn', service: 'Azure China Data Lake Storage accounts', source: 'azml' },
  { suffix: 'sharepoint.cn', service: 'SharePoint Online (21Vianet) tenant names', source: 'm365-cn set 4' },
  { suffix: 'onmschina.cn', service: 'Microsoft 365 (21Vianet) tenant names', source: 'm365-cn set 8' },
  { suffix: 'web.core.chinacloudapi.cn', service: 'Azure China Storage static websites', source: 'pe-dns' },
  { suffix: 'database.chinacloudapi.cn', service: 'Azure China SQL Database servers', source: 'pe-dns' },
  { suffix: 'servicebus.chinacloudapi.cn', service: 'Azure China Service Bus and Event Hubs namespaces', source: 'pe-dns' },
  { suffix: 'redis.cache.chinacloudapi.cn', service: 'Azure China Cache for Redis', source: 'pe-dns' },
  { suffix: 'documents.azure.cn', service: 'Azure China Cosmos DB accounts', source: 'pe-dns' },
  { suffix: 'cosmos.azure.cn', service: 'Azure China Cosmos DB accounts', source: 'pe-dns' },
  { suffix: 'vaultcore.azure.cn', service: 'Azure China Key Vaults', source: 'pe-dns' },
  { suffix: 'kusto.windows.cn', service: 'Azure China Data Explorer clusters', source: 'pe-dns' },
  { suffix: 'instances.azureml.cn', service: 'Azure China Machine Learning compute instances', source: 'pe-dns' },
];

/**
 * Defender for Cloud Apps session control rewrites `<host>` to `<host>.<suffix>` [mdca]. The `-df` forms are
 * Microsoft's own test rings and the `admin-` forms serve admin sessions; both appear in certificate logs.
 */
export const DEFENDER_PROXY_SUFFIXES: readonly string[] = [
  'mcas.ms',
  'admin-mcas.ms',
  'rs-mcas.ms',
  'admin-rs-mcas.ms',
  'rs2-mcas.ms',
  'admin-rs2-mcas.ms',
  'mcas-df.ms',
  'admin-mcas-df.ms',
  'rs-mcas-df.ms',
  'admin-rs-mcas-df.ms',
  'mcas-gov.us',
  'admin-mcas-gov.us',
  'mcas-gov-df.us',
  'admin-mcas-gov-df.us',
  'mcas-gov.ms',
  'admin-mcas-gov.ms',
  'mcas-gov-df.ms',
  'admin-mcas-gov-df.ms',
];

/**
 * Labels Defender puts between a proxied host and the proxy suffix for access controls
 * (`<host>.access.mcas.ms`, `.access.mcas-gov.us`, `.access.mcas-gov.ms`) [mdca-net].
 */
export const DEFENDER_ACCESS_LABEL = 'access';

/** The older Defender form `<host>.cas.ms` and `<host>.<region>.cas.ms` [mdca, 2021 version]. */
export const DEFENDER_REGIONAL_PROXY_SUFFIX = 'cas.ms';

/**
 * Registrable domains that only Microsoft publishes under (no customer picks a label). A host under one is
 * Microsoft infrastructure: never called a lookalike, never trusted as a sign-in host either.
 * Customer-labelled suffixes under these (cloudapp.azure.com, blob.core.windows.net, ...) are listed above and
 * checked first.
 */
export const MICROSOFT_INFRASTRUCTURE_DOMAINS: readonly { readonly domain: string; readonly source: string }[] = [
  // Microsoft's sign-in hosts' own registrable domains and the related pages [hosts.md].
  { domain: 'microsoft.com', source: 'hosts.md; m365-ww' },
  { domain: 'microsoftonline.com', source: 'hosts.md; m365-ww sets 56, 59' },
  { domain: 'windows.net', source: 'hosts.md; m365-ww set 56' },
  { domain: 'live.com', source: 'hosts.md; m365-ww sets 59, 97' },
  { domain: 'azure.com', source: 'hosts.md (dev.azure.com, aex.dev.azure.com); m365-ww set 59 (management.azure.com)' },
  { domain: 'office.com', source: 'm365-ww sets 1, 147' },
  { domain: 'microsoft365.com', source: 'kept from the previous list in hosts.ts (Microsoft 365 app hosts)' },
  { domain: 'office365.com', source: 'm365-ww (outlook.office365.com, Exchange Online)' },
  { domain: 'outlook.com', source: "m365-ww (outlook.office.com, *.outlook.com, Safe Links' *.safelinks.protection.outlook.com)" },
  { domain: 'office.net', source: 'm365-ww (*.cdn.office.net, statics.teams.cdn.office.net)' },
  { domain: 'sharepointonline.com', source: 'm365-ww; ado-allow (static2.sharepointonline.com)' },
  { domain: 'bing.com', source: 'm365-ww (www.bing.com, Microsoft Search in Bing)' },
  { domain: 'aka.ms', source: "hosts.md (aka.ms/devicelogin): Microsoft's own link shortener" },
  // Microsoft Entra ID endpoints [m365-ww sets 56, 59].
  { domain: 'microsoftonline-p.com', source: 'm365-ww sets 56, 59' },
  { domain: 'microsoftonline-p.net', source: 'm365-ww set 56' },
  { domain: 'msauth.net', source: 'm365-ww set 59; hosts.md' },
  { domain: 'msftauth.net', source: 'm365-ww set 59; hosts.md' },
  { domain: 'msauthimages.net', source: 'm365-ww set 59; hosts.md' },
  { domain: 'msftauthimages.net', source: 'm365-ww set 59; hosts.md' },
  { domain: 'msidentity.com', source: 'm365-ww set 56' },
  { domain: 'msftidentity.com', source: 'm365-ww set 56' },
  { domain: 'microsoftazuread-sso.com', source: 'm365-ww set 56' },
  { domain: 'windowsazure.com', source: 'm365-ww set 56 (account.activedirectory.windowsazure.com)' },
  { domain: 'phonefactor.net', source: 'm365-ww set 59' },
  { domain: 'msft.net', source: 'm365-ww set 59 (policykeyservice.dc.ad.msft.net)' },
  { domain: 'gfx.ms', source: 'm365-ww set 70 (auth.gfx.ms)' },
  { domain: 'windows-ppe.net', source: 'm365-ww set 96 (login.windows-ppe.net); msal' },
  { domain: 'microsoft-ppe.com', source: 'msal (login.microsoft-ppe.com, the pre-production ring)' },
  // Defender for Cloud Apps portals and proxies outside the suffixes above [mdca-net].
  { domain: 'cloudappsecurity.com', source: 'mdca-net (<tenant>.<region>.portal.cloudappsecurity.com)' },
  { domain: 'cloudappsecurity.us', source: 'mdca-net (*.access.cloudappsecurity.us, *.saml.cloudappsecurity.us)' },
  { domain: 'cloudappsecuritygov.com', source: 'mdca-net (GCC portal and SAML proxy)' },
  // US Government [m365-gcch sets 13, 14; azgov].
  { domain: 'microsoftonline.us', source: 'hosts.md; m365-gcch set 13' },
  { domain: 'microsoft.us', source: 'm365-gcch set 13 (*.auth.microsoft.us, graph.microsoft.us)' },
  { domain: 'microsoftonline-p.us', source: 'appproxy (US Government tab)' },
  { domain: 'msauthimages.us', source: 'm365-gcch set 14' },
  { domain: 'msftauthimages.us', source: 'm365-gcch set 14' },
  { domain: 'microsoftazure.us', source: 'm365-gcch set 13 (graph.microsoftazure.us)' },
  { domain: 'usgovcloudapi.net', source: 'azgov' },
  { domain: 'azure.us', source: 'azgov (portal.azure.us)' },
  // China, operated by 21Vianet [m365-cn].
  { domain: 'microsoftonline.cn', source: 'hosts.md; m365-cn sets 4, 10, 17' },
  { domain: 'chinacloudapi.cn', source: 'hosts.md; m365-cn set 7' },
  { domain: 'microsoftonline-p.cn', source: 'm365-cn set 9' },
  { domain: 'microsoftonline-m.cn', source: 'm365-cn set 7' },
  { domain: 'microsoftonline-m-i.cn', source: 'm365-cn set 7' },
  { domain: 'microsoftonline-p-i.cn', source: 'm365-cn set 7' },
  { domain: 'microsoftonline-i.cn', source: 'm365-cn set 8' },
  { domain: 'microsoftonline.net.cn', source: 'm365-cn set 8' },
  { domain: 'microsoftonline-i.net.cn', source: 'm365-cn set 8' },
  { domain: 'microsoftonline-m.net.cn', source: 'm365-cn set 7' },
  { domain: 'microsoftonline-m-i.net.cn', source: 'm365-cn set 7' },
  { domain: 'microsoftonline-p.net.cn', source: 'm365-cn set 7' },
  { domain: 'microsoftonline-p-i.net.cn', source: 'm365-cn set 7' },
  { domain: 'msauth.cn', source: 'm365-cn set 13' },
  { domain: 'msauthimages.cn', source: 'm365-cn set 13' },
  { domain: 'msftauth.cn', source: 'm365-cn set 13' },
  { domain: 'msftauthimages.cn', source: 'm365-cn set 13' },
  { domain: 'windowsazure.cn', source: 'm365-cn set 7' },
  // National partner clouds operated with Microsoft (Bleu, France; Delos, Germany; GovSG, Singapore) [msal].
  { domain: 'sovcloud-identity.fr', source: 'msal (login.sovcloud-identity.fr, Bleu)' },
  { domain: 'sovcloud-identity.de', source: 'msal (login.sovcloud-identity.de, Delos)' },
  { domain: 'sovcloud-identity.sg', source: 'msal (login.sovcloud-identity.sg, GovSG)' },
  { domain: 'sovcloud-api.fr', source: 'Azure PowerShell AzureBleuCloud profile (management.sovcloud-api.fr)' },
  { domain: 'sovcloud-api.de', source: 'Azure PowerShell AzureGermanyCloud profile (management.sovcloud-api.de)' },
  // Retired: Microsoft Cloud Germany [hosts.md].
  { domain: 'microsoftonline.de', source: 'hosts.md (login.microsoftonline.de, retired Microsoft Cloud Germany)' },
];

/**
 * Entra ID's sign-in hosts in every cloud [msal; hosts.md]: where device codes are entered through the v1
 * `deviceauth` page, the `/devicecode` endpoint lives, and native apps' `nativeclient` page shows a code.
 * The eight of them a user authorizes apps on are also trusted hosts (./hosts.ts); the others are Microsoft's
 * infrastructure (the national partner clouds, the retired Microsoft Cloud Germany and aliases MSAL knows).
 */
export const ENTRA_SIGN_IN_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login-us.microsoftonline.com',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
  'login.sovcloud-identity.fr',
  'login.sovcloud-identity.de',
  'login.sovcloud-identity.sg',
  'login.microsoftonline.de',
];

/** Top-level domains whose registry operator is Microsoft [hosts.md]: every name under them is Microsoft's. */
export const MICROSOFT_BRAND_TLDS: readonly string[] = ['microsoft', 'azure', 'windows', 'xbox', 'office', 'bing'];

/**
 * What the Group Policy editor shows for each policy key (docs/policy/windows/*.adml), in English and German.
 * Typed by the parser's keys: a key added to the policy without its text here fails to compile, and the
 * unit test fails when managed_schema.json and this list disagree.
 */
import type { ManagedPolicy } from './policy';

export type TemplateLanguage = 'en-US' | 'de-DE';

export interface KeyText {
  readonly title: string;
  readonly explain: string;
  /** Display names of an enum's values. */
  readonly values?: Readonly<Record<string, string>>;
}

export interface TemplateStrings {
  category(browser: string): string;
  categoryExplain(browser: string): string;
  supportedOn(browser: string): string;
  readonly listHint: string;
  readonly listOfObjectsHint: string;
  rangeHint(minimum: number, maximum: number): string;
  /** A sentence a key needs in addition to its explanation (none for most). */
  keyNote(key: string): string | null;
  readonly keys: Readonly<Record<string, KeyText>>;
}

type AllKeys = { readonly [K in keyof Required<ManagedPolicy>]: KeyText };

const english: AllKeys = {
  approvedClientIds: {
    title: 'Approved app client ids',
    explain: 'Client ids (GUIDs) of apps your organization approved. Their requests are trusted (no warning banner) but still explained.',
  },
  approvedRedirectHosts: {
    title: 'Approved redirect hosts',
    explain: 'When set, an approved client id counts only if its redirect_uri is on one of these hosts.',
  },
  forbiddenScopes: {
    title: 'Forbidden scopes',
    explain:
      'Scopes (e.g. vso.code_full, vso.tokens, user_impersonation) that turn a warning into a block, whether requested or included by a requested scope.',
  },
  blockDanger: {
    title: 'Block likely phishing',
    explain: 'Enabled: a page judged dangerous is replaced with a full-page block. Not configured or disabled: the warning banner only.',
  },
  allowOverride: {
    title: 'Allow users to continue past a block',
    explain: 'Enabled: the block page offers "Continue anyway" (once, for that exact address, in that tab). Default: no override.',
  },
  extraTrustedHosts: {
    title: 'Extra trusted authorization hosts',
    explain: "Host names trusted in addition to Microsoft's, such as your Entra ID custom sign-in domain.",
  },
  helpUrl: { title: 'Help page (https)', explain: '"Help from <company>" on the banner and the block page: your support page (https).' },
  reportUrl: {
    title: 'Report to my admin (https: or mailto:)',
    explain: '"Report to my admin" on the block page, prefilled with the host, app, scopes and findings (never the page\'s content).',
  },
  companyName: {
    title: 'Company name shown on warnings',
    explain: "Your organization's name (1 to 100 characters), shown on the block page, in notes and with your message on warnings.",
  },
  webhookUrl: {
    title: 'Activity webhook (https)',
    explain:
      'Receives an event for each warning or block (and, with "Report every consent", each consent). Events wait in the browser until the receiver answers 2xx. No page content is sent.',
  },
  scanEveryPage: {
    title: 'Look at every page (thorough mode)',
    explain:
      "Enabled: every page's content is watched for sign-in clones that give no other sign. Costs a little on every page. Set here, users cannot change it.",
  },
  blockedClientIds: {
    title: 'Blocked apps',
    explain: 'Apps that are always a danger warning wherever they are requested, each with the reason shown to the user.',
  },
  threatFeeds: {
    title: 'Threat feeds (https)',
    explain:
      'Up to 10 https addresses of lists of known-bad apps and hosts: the Huntress RogueApps JSON or the Consent Guard feed format. None by default. A feed can only add warnings; a broken or unreachable feed keeps its last good copy.',
  },
  threatFeedRefreshMinutes: {
    title: 'Threat feed refresh interval (minutes)',
    explain: 'How often the feeds are fetched again. Default: 720 (every 12 hours).',
  },
  reportAllConsents: {
    title: 'Report every consent to the webhook',
    explain:
      'Enabled: each authorization flow the guard followed is sent to the webhook with its outcome (approved, declined, abandoned), the app, the scopes and the verdict, not only warnings.',
  },
  webhookFormat: {
    title: 'Webhook format',
    explain: 'How events are sent: Consent Guard JSON (default), Splunk HTTP Event Collector, or OpenTelemetry logs over OTLP/HTTP JSON.',
    values: { json: 'Consent Guard JSON', 'splunk-hec': 'Splunk HTTP Event Collector', 'otlp-json': 'OpenTelemetry (OTLP/HTTP JSON)' },
  },
  splunkHecToken: {
    title: 'Splunk HEC token',
    explain: "Sent as 'Authorization: Splunk <token>' with the Splunk HTTP Event Collector format. Never shown on the options page.",
  },
  webhookQueueSize: {
    title: 'Webhook queue size',
    explain: 'Events kept while the webhook cannot be reached (default 1000); past it the oldest are dropped, and the count is sent with the next event.',
  },
  warningMessage: {
    title: 'Your message on warnings',
    explain: 'A short message (up to 280 characters) shown as plain text on the warning banner and the block page.',
  },
};

const german: AllKeys = {
  approvedClientIds: {
    title: 'Genehmigte App-Client-IDs',
    explain:
      'Client-IDs (GUIDs) der Apps, die Ihre Organisation genehmigt hat. Ihre Anfragen gelten als vertrauenswürdig (kein Warnbanner), werden aber weiterhin erklärt.',
  },
  approvedRedirectHosts: {
    title: 'Genehmigte Weiterleitungshosts',
    explain: 'Wenn gesetzt, zählt eine genehmigte Client-ID nur, wenn ihre redirect_uri auf einem dieser Hosts liegt.',
  },
  forbiddenScopes: {
    title: 'Verbotene Berechtigungen (Scopes)',
    explain:
      'Berechtigungen (z. B. vso.code_full, vso.tokens, user_impersonation), die aus einer Warnung eine Sperre machen – ob direkt angefordert oder in einer angeforderten Berechtigung enthalten.',
  },
  blockDanger: {
    title: 'Wahrscheinliches Phishing sperren',
    explain:
      'Aktiviert: Eine als gefährlich eingestufte Seite wird durch eine ganzseitige Sperrseite ersetzt. Nicht konfiguriert oder deaktiviert: nur das Warnbanner.',
  },
  allowOverride: {
    title: 'Benutzern das Fortfahren trotz Sperre erlauben',
    explain: 'Aktiviert: Die Sperrseite bietet „Trotzdem fortfahren“ an (einmal, für genau diese Adresse, in diesem Tab). Standard: kein Fortfahren.',
  },
  extraTrustedHosts: {
    title: 'Zusätzliche vertrauenswürdige Anmeldehosts',
    explain: 'Hostnamen, denen zusätzlich zu denen von Microsoft vertraut wird, etwa Ihre eigene Entra-ID-Anmeldedomain.',
  },
  helpUrl: { title: 'Hilfeseite (https)', explain: '„Hilfe von <Firma>“ auf dem Banner und der Sperrseite: Ihre Supportseite (https).' },
  reportUrl: {
    title: 'An meinen Admin melden (https: oder mailto:)',
    explain: '„An meinen Admin melden“ auf der Sperrseite, vorausgefüllt mit Host, App, Berechtigungen und Befunden (nie mit dem Inhalt der Seite).',
  },
  companyName: {
    title: 'Firmenname auf Warnungen',
    explain: 'Der Name Ihrer Organisation (1 bis 100 Zeichen), angezeigt auf der Sperrseite, in Hinweisen und mit Ihrer Nachricht auf Warnungen.',
  },
  webhookUrl: {
    title: 'Aktivitäts-Webhook (https)',
    explain:
      'Empfängt ein Ereignis je Warnung oder Sperre (und mit „Jede Zustimmung melden“ jede Zustimmung). Ereignisse warten im Browser, bis der Empfänger mit 2xx antwortet. Es wird kein Seiteninhalt gesendet.',
  },
  scanEveryPage: {
    title: 'Jede Seite prüfen (gründlicher Modus)',
    explain:
      'Aktiviert: Der Inhalt jeder Seite wird auf Anmelde-Klone überwacht, die sich sonst durch nichts verraten. Kostet auf jeder Seite etwas Zeit. Hier gesetzt, können Benutzer es nicht ändern.',
  },
  blockedClientIds: {
    title: 'Gesperrte Apps',
    explain: 'Apps, die überall, wo sie angefordert werden, eine Gefahrenwarnung auslösen, jeweils mit dem Grund, der dem Benutzer angezeigt wird.',
  },
  threatFeeds: {
    title: 'Bedrohungsfeeds (https)',
    explain:
      'Bis zu 10 https-Adressen von Listen bekannter schädlicher Apps und Hosts: das JSON von Huntress RogueApps oder das Feedformat von Consent Guard. Standardmäßig keiner. Ein Feed kann nur Warnungen hinzufügen; ein defekter oder nicht erreichbarer Feed behält seine letzte gültige Fassung.',
  },
  threatFeedRefreshMinutes: {
    title: 'Aktualisierungsintervall der Bedrohungsfeeds (Minuten)',
    explain: 'Wie oft die Feeds neu abgerufen werden. Standard: 720 (alle 12 Stunden).',
  },
  reportAllConsents: {
    title: 'Jede Zustimmung an den Webhook melden',
    explain:
      'Aktiviert: Jeder vom Schutz verfolgte Autorisierungsablauf wird mit seinem Ausgang (zugestimmt, abgelehnt, abgebrochen), der App, den Berechtigungen und der Einstufung an den Webhook gesendet, nicht nur Warnungen.',
  },
  webhookFormat: {
    title: 'Webhook-Format',
    explain: 'Wie Ereignisse gesendet werden: Consent-Guard-JSON (Standard), Splunk HTTP Event Collector oder OpenTelemetry-Logs über OTLP/HTTP-JSON.',
    values: { json: 'Consent-Guard-JSON', 'splunk-hec': 'Splunk HTTP Event Collector', 'otlp-json': 'OpenTelemetry (OTLP/HTTP-JSON)' },
  },
  splunkHecToken: {
    title: 'Splunk-HEC-Token',
    explain: 'Wird beim Format Splunk HTTP Event Collector als „Authorization: Splunk <Token>“ gesendet. Nie auf der Optionsseite angezeigt.',
  },
  webhookQueueSize: {
    title: 'Größe der Webhook-Warteschlange',
    explain:
      'Ereignisse, die aufbewahrt werden, solange der Webhook nicht erreichbar ist (Standard 1000); darüber hinaus werden die ältesten verworfen und ihre Anzahl mit dem nächsten Ereignis gesendet.',
  },
  warningMessage: {
    title: 'Ihre Nachricht auf Warnungen',
    explain: 'Eine kurze Nachricht (bis zu 280 Zeichen), als reiner Text auf dem Warnbanner und der Sperrseite angezeigt.',
  },
};

export const POLICY_TEMPLATE_TEXT: Readonly<Record<TemplateLanguage, TemplateStrings>> = {
  'en-US': {
    category: (browser) => `Consent Guard (${browser})`,
    categoryExplain: (browser) =>
      `Policy of the Consent Guard extension in ${browser}: warnings before apps get access to Azure DevOps, threat feeds, the activity webhook and your organization's name and message on warnings.`,
    supportedOn: (browser) => `Consent Guard 0.1 or later in ${browser}`,
    listHint: 'One entry per line.',
    listOfObjectsHint: 'One JSON object per line: {"clientId": "<GUID>", "reason": "why it is blocked"}.',
    rangeHint: (minimum, maximum) => `From ${minimum} to ${maximum}.`,
    keyNote: (key) => (key === 'threatFeeds' ? 'Windows lists have no fixed order: when two feeds list the same app, either may be named.' : null),
    keys: english,
  },
  'de-DE': {
    category: (browser) => `Consent Guard (${browser})`,
    categoryExplain: (browser) =>
      `Richtlinie der Erweiterung Consent Guard in ${browser}: Warnungen, bevor Apps Zugriff auf Azure DevOps erhalten, Bedrohungsfeeds, der Aktivitäts-Webhook sowie Name und Nachricht Ihrer Organisation auf Warnungen.`,
    supportedOn: (browser) => `Consent Guard 0.1 oder neuer in ${browser}`,
    listHint: 'Ein Eintrag pro Zeile.',
    listOfObjectsHint: 'Ein JSON-Objekt pro Zeile: {"clientId": "<GUID>", "reason": "Grund der Sperre"}.',
    rangeHint: (minimum, maximum) => `Von ${minimum} bis ${maximum}.`,
    keyNote: (key) =>
      key === 'threatFeeds'
        ? 'Listen haben unter Windows keine feste Reihenfolge: Führen zwei Feeds dieselbe App, kann jeder der beiden genannt werden.'
        : null,
    keys: german,
  },
};

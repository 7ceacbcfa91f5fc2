/**
 * "Check this link with Consent Guard": the verdict for a link before anyone opens it. The link the user
 * right-clicked (or the text they selected) is only analysed, with the same analyzer, policy and unwrapping
 * as everything else; it is never fetched. The page the menu opens (src/linkcheck/) asks for the result.
 */
import { findLinkInText } from '../core/link-text';
import { WRAPPER_NAMES, unwrapLink } from '../core/unwrap';
import { EXTENSION_PAGE_PATHS } from '../messaging/define';
import type { LinkCheckReply, LinkCheckRequest } from '../messaging/link-messages';
import type { PageView } from '../messaging/page-view';
import { t } from '../platform/i18n';
import { reportLinkWith } from '../policy/report';
import { analyzePage, type PolicyContext } from './view';

/** A link wrapped by mail security, unwrapped: the address that is judged and the wrappers, outermost first. */
export interface Unwrapped {
  readonly url: string;
  readonly wrappers: readonly string[];
}

export interface LinkCheckDependencies {
  readonly policy: () => Promise<PolicyContext>;
  readonly unwrap: (url: string) => Unwrapped;
  readonly now: () => number;
}

/** What the context menu was clicked on, as the browser reports it. */
export interface MenuClick {
  readonly linkUrl?: string | undefined;
  readonly selectionText?: string | undefined;
}

/** The extension page (path and query) that shows the verdict for a menu click. */
export function linkCheckPageFor(click: MenuClick): string {
  const query = click.linkUrl ? `link=${encodeURIComponent(click.linkUrl)}` : `text=${encodeURIComponent(click.selectionText ?? '')}`;
  return `${EXTENSION_PAGE_PATHS.linkcheck}?${query}`;
}

/** The mail-security unwrapping the CLI uses (src/core/unwrap.ts), wrappers named as a person reads them. */
export function unwrapMailLink(url: string): Unwrapped {
  const link = unwrapLink(url);
  return { url: link.target, wrappers: link.wrappers.map((wrapper) => WRAPPER_NAMES[wrapper]) };
}

export function createLinkChecker(deps: LinkCheckDependencies) {
  return {
    async check(request: LinkCheckRequest): Promise<LinkCheckReply> {
      const found = request.link !== undefined ? findLinkInText(request.link) : findLinkInText(request.text ?? '');
      if (!found.ok) return { ok: false, reason: found.reason };
      const unwrapped = deps.unwrap(found.url);
      const policy = await deps.policy();
      const view = analyzePage({ url: unwrapped.url, frameId: 0, flowStartUrl: null, signals: null, dismissedKeys: [], policy, isLink: true });
      if (view === null) return { ok: false, reason: 'not-web' };
      const inner = unwrapped.wrappers.length > 0 ? unwrapped.url : null;
      const report = plainReport(view, unwrapped.wrappers, deps.now());
      return {
        ok: true,
        link: found.url,
        refanged: found.refanged,
        wrappers: unwrapped.wrappers,
        inner,
        view,
        report,
        reportLink: reportLinkWith(policy.policy.reportUrl, t('linkReportSubject', view.verdict, view.host.name), report),
      };
    },
  };
}

/** Where the link goes, without its query: a ticket must not carry the state, codes or e-mail addresses a link may hold. */
function addressWithoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '';
  }
}

/** A finding may quote the e-mail address a phishing link carries (its target's); a ticket needs the fact, not the address. */
function withoutEmailAddresses(message: string): string {
  return message.replace(/[^\s@()"'<>]+@[^\s@()"'<>]+\.[^\s@()"'<>.]+/g, '…@…');
}

function plainReport(view: PageView, wrappers: readonly string[], time: number): string {
  const none = t('findingNone');
  const lines = [
    t('linkReportIntro'),
    '',
    `${t('reportTime')}: ${new Date(time).toISOString()}`,
    `${t('linkReportAddress')}: ${addressWithoutQuery(view.url)}`,
  ];
  if (wrappers.length > 0) lines.push(`${t('linkReportWrappers')}: ${wrappers.join(' → ')}`);
  lines.push(
    `${t('reportHost')}: ${view.host.unicode === view.host.name ? view.host.name : `${view.host.unicode} (${view.host.name})`}`,
    `${t('linkReportImitates')}: ${view.host.imitates ?? none}`,
    `${t('reportClientId')}: ${view.clientId ?? none}`,
    `${t('reportRedirectHost')}: ${view.redirectHost ?? none}`,
    `${t('reportVerdict')}: ${view.verdict}`,
    `${t('reportScopes')}: ${view.scopes.length > 0 ? view.scopes.map((scope) => `${scope.id} (${scope.tier})`).join(', ') : none}`,
    '',
    `${t('reportFindings')}:`,
  );
  for (const finding of view.findings) lines.push(`- ${finding.id}: ${withoutEmailAddresses(finding.message)}`);
  return lines.join('\n');
}

import type { ViewTier, ViewVerdict } from '../messaging/page-view';

export const TIER_LABEL: Record<ViewTier, string> = {
  critical: 'Critical risk',
  high: 'High risk',
  medium: 'Medium risk',
  low: 'Low risk',
  unknown: 'Unknown risk',
};

export const VERDICT_HEADLINE: Record<ViewVerdict, string> = {
  danger: 'This is probably a phishing page',
  warn: 'Check this request before you approve it',
  ok: 'Genuine Microsoft page, low-risk request',
  none: 'Nothing to check on this page',
};

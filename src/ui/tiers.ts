import type { ViewTier, ViewVerdict } from '../messaging/page-view';
import { t } from '../platform/i18n';

export const TIER_LABEL: Record<ViewTier, string> = {
  critical: t('scopeTierCritical'),
  high: t('scopeTierHigh'),
  medium: t('scopeTierMedium'),
  low: t('scopeTierLow'),
  unknown: t('scopeTierUnknown'),
};

export const VERDICT_HEADLINE: Record<ViewVerdict, string> = {
  danger: t('verdictDanger'),
  warn: t('verdictWarn'),
  ok: t('verdictOk'),
  none: t('verdictNone'),
};

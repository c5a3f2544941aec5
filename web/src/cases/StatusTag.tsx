// Tags that look the same on every appeals page: status, type, priority, supervision level.
import { Tag } from 'antd';
import { useI18n } from '../shell';
import type { CaseStatus, CaseType, Priority } from './api';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  accepted: 'blue',
  answered: 'cyan',
  dispatched: 'geekblue',
  handling: 'processing',
  replied: 'purple',
  reviewed: 'gold',
  closed: 'green',
  merged: 'default',
};

export function StatusTag({ status, testId }: { status: CaseStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`cases.status.${status}`)}
    </Tag>
  );
}

export function TypeTag({ type }: { type: CaseType }) {
  const { t } = useI18n();
  return <Tag color={type === 'report' ? 'volcano' : type === 'complaint' ? 'orange' : undefined}>{t(`cases.type.${type}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  if (priority !== 'urgent') return null;
  return <Tag color="red">{t('cases.priority.urgent')}</Tag>;
}

const LEVEL_COLORS: Record<string, string> = { normal: 'blue', yellow: 'gold', red: 'red' };

export function SupervisionTag({ level }: { level: string | null }) {
  const { t } = useI18n();
  if (!level) return null;
  return (
    <Tag color={LEVEL_COLORS[level] ?? 'default'} data-testid="supervision-level">
      {t(`cases.level.${level}`)}
    </Tag>
  );
}

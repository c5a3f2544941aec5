// The tags every applications page shows the same way: the application's status, where its clock
// stands, a department's branch.
import { Tag } from 'antd';
import { useI18n } from '../../shell';
import { APPLICATION_STATUSES, BRANCH_STATUS_NAMES, STATUS_COLORS, type ApplicationStatus, type BranchStatus, type DueState } from './api';

const named = (entry: { zh: string; en: string }, lang: string) => (lang === 'en' ? entry.en : entry.zh);

export function ApplicationStatusTag({ status, testId }: { status: ApplicationStatus; testId?: string }) {
  const { lang } = useI18n();
  return <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>{named(APPLICATION_STATUSES[status], lang)}</Tag>;
}

const DUE_COLORS: Record<DueState, string> = { on_time: 'green', due_soon: 'orange', overdue: 'red' };

export function DueTag({ state, testId }: { state: DueState; testId?: string }) {
  const { t } = useI18n();
  return <Tag color={DUE_COLORS[state]} data-testid={testId}>{t(`applications.due.${state}`)}</Tag>;
}

const BRANCH_COLORS: Record<BranchStatus, string> = { pending: 'blue', reviewing: 'geekblue', waiting: 'orange', approved: 'green', refused: 'red', closed: 'default' };

export function BranchTag({ status, testId }: { status: BranchStatus; testId?: string }) {
  const { lang } = useI18n();
  return <Tag color={BRANCH_COLORS[status]} data-testid={testId} data-status={status}>{named(BRANCH_STATUS_NAMES[status], lang)}</Tag>;
}

export { named };

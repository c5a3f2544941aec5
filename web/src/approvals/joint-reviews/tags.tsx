// The tags every joint-review page shows the same way: where it stands, a department's verdict.
import { Tag } from 'antd';
import { nameIn, useI18n } from '../../shell';
import { JOINT_REVIEW_KINDS, JOINT_REVIEW_STATUSES, OUTCOMES, VERDICTS, type JointReviewView, type Outcome, type Verdict } from './api';

const OUTCOME_COLORS: Record<Outcome, string> = { passed: 'green', conditional: 'gold', failed: 'red' };
const VERDICT_COLORS: Record<Verdict, string> = { pass: 'green', conditional: 'gold', fail: 'red' };

/** Scheduled (with how many verdicts are in), the joint outcome once reported, or cancelled. */
export function StandingTag({ review, testId }: { review: JointReviewView; testId?: string }) {
  const { t, lang } = useI18n();
  const done = review.verdicts.filter((v) => v.verdict).length;
  if (review.outcome) {
    return <Tag color={OUTCOME_COLORS[review.outcome]} data-testid={testId} data-status={review.status} data-outcome={review.outcome}>{nameIn(lang, OUTCOMES[review.outcome])}</Tag>;
  }
  return (
    <Tag color={review.status === 'cancelled' ? 'default' : 'blue'} data-testid={testId} data-status={review.status}>
      {review.status === 'scheduled' ? t('jointReviews.pending', { done, all: review.verdicts.length }) : nameIn(lang, JOINT_REVIEW_STATUSES[review.status])}
    </Tag>
  );
}

export function VerdictTag({ verdict, testId }: { verdict: Verdict | null; testId?: string }) {
  const { t, lang } = useI18n();
  return verdict
    ? <Tag color={VERDICT_COLORS[verdict]} data-testid={testId} data-verdict={verdict}>{nameIn(lang, VERDICTS[verdict])}</Tag>
    : <Tag data-testid={testId} data-verdict="">{t('jointReviews.notYet')}</Tag>;
}

/** The kind's name; `heading` capitalises the English one for a title. */
export function kindName(kind: JointReviewView['kind'], lang: 'zh-CN' | 'en', heading = false): string {
  const name = nameIn(lang, JOINT_REVIEW_KINDS[kind]);
  return heading ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

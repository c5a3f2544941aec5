// What came of an application, as staff and the applicant read it alike: the certificate or
// decision with the link its QR code carries (and, once revoked, when and why), and the review
// (好差评) with the appeal case a bad grade opened and where that case stands.
import { Descriptions, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../shell';
import { RESULT_KINDS, REVIEW_GRADE_NAMES } from '../results/api';
import type { ApplicationView } from './api';
import { when } from './Clock';
import { named } from './tags';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const GRADE_COLORS: Record<string, string> = { very_satisfied: 'green', satisfied: 'green', basically_satisfied: 'blue', dissatisfied: 'orange', very_dissatisfied: 'red' };

export function ResultView({ view }: { view: Pick<ApplicationView, 'certificate' | 'review'> }) {
  const { t, lang } = useI18n();
  const { certificate: c, review: r } = view;
  if (!c && !r) return <Typography.Text type="secondary">{t('applications.result.none')}</Typography.Text>;
  return (
    <Descriptions column={1} size="small" data-testid="application-outcome">
      {c ? (
        <>
          <Descriptions.Item label={capitalised(named(RESULT_KINDS[c.kind], lang))}><span data-testid="certificate-number">{c.number}</span></Descriptions.Item>
          <Descriptions.Item label={t('applications.result.issued')}>{`${when(c.issuedAt)} · ${c.issuingDepartment}`}</Descriptions.Item>
          <Descriptions.Item label={t('applications.result.validUntil')}>{c.validUntil ?? t('applications.result.noLimit')}</Descriptions.Item>
          <Descriptions.Item label={t('applications.result.check')}>
            {c.revokedAt ? (
              <span data-testid="certificate-revoked"><Tag color="red">{t('applications.result.revoked')}</Tag>{`${when(c.revokedAt)}：${c.revokedReason ?? ''}`}</span>
            ) : <Tag color="green" data-testid="certificate-valid">{t('applications.result.valid')}</Tag>}
            <a href={c.verifyUrl} target="_blank" rel="noreferrer" data-testid="certificate-verify">{t('applications.result.openCheck')}</a>
          </Descriptions.Item>
        </>
      ) : null}
      {r ? (
        <>
          <Descriptions.Item label={t('applications.result.review')}>
            <span data-testid="review-grade" data-grade={r.grade}><Tag color={GRADE_COLORS[r.grade]}>{named(REVIEW_GRADE_NAMES[r.grade], lang)}</Tag></span>
            <Typography.Text type="secondary">{`${t(`applications.result.channel.${r.channel}`)} · ${when(r.reviewedAt)}`}</Typography.Text>
          </Descriptions.Item>
          {r.comment ? <Descriptions.Item label={t('applications.form.comment')}><span data-testid="review-comment" style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</span></Descriptions.Item> : null}
          {r.appeal ? (
            <Descriptions.Item label={t('applications.result.appeal')}>
              <Link to={`/cases/${r.appeal.caseId}`} data-testid="review-appeal">{r.appeal.caseCode}</Link>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }} data-testid="review-appeal-status">{t(`cases.status.${r.appeal.status}`)}</Typography.Text>
              {r.appeal.reply ? <div style={{ whiteSpace: 'pre-wrap' }} data-testid="review-appeal-reply">{r.appeal.reply}</div> : null}
            </Descriptions.Item>
          ) : null}
        </>
      ) : null}
    </Descriptions>
  );
}

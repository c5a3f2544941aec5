// A department's or window's joint reviews: the latest its office organised or was invited to,
// each with the application's item and applicant, when and where, and how far the verdicts are.
import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { useI18n, useLoad } from '../../shell';
import { jointReviewsApi, type JointReviewView } from './api';
import { kindName, StandingTag } from './tags';

export default function JointReviewsPage() {
  const { t, lang } = useI18n();
  const list = useLoad((signal) => jointReviewsApi.list(undefined, signal), []);
  return (
    <Card title={t('jointReviews.title')}>
      <Typography.Paragraph type="secondary">{t('jointReviews.intro')}</Typography.Paragraph>
      <Table<JointReviewView> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} scroll={{ x: 900 }} data-testid="joint-reviews-table"
        locale={{ emptyText: t('jointReviews.empty') }} onRow={(r) => ({ 'data-testid': `joint-row-${r.id}` } as never)}
        columns={[
          { title: t('jointReviews.scheduledAt'), key: 'at', width: 140, render: (_: unknown, r) => <span style={{ whiteSpace: 'nowrap' }}>{dayjs(r.scheduledAt).format('YYYY-MM-DD HH:mm')}</span> },
          { title: t('jointReviews.kind'), key: 'kind', width: 150, render: (_: unknown, r) => kindName(r.kind, lang, true) },
          { title: t('jointReviews.item'), key: 'item', render: (_: unknown, r) => <Link to={`/approvals/joint-reviews/${r.id}`} data-testid={`joint-open-${r.id}`}>{r.itemName}</Link> },
          { title: t('jointReviews.applicant'), dataIndex: 'applicantName', key: 'applicant' },
          { title: t('jointReviews.place'), dataIndex: 'place', key: 'place' },
          { title: t('jointReviews.status'), key: 'status', width: 130, render: (_: unknown, r) => <StandingTag review={r} testId={`joint-standing-${r.id}`} /> },
        ]} />
    </Card>
  );
}

// The joint reviews of one application on its page: each with kind, time, place and where it
// stands, opening its own page; staff who may organise one schedule it from here.
import { useState } from 'react';
import { App, Button, Card, Empty, List, Space, Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { useI18n, useLoad } from '../../shell';
import { jointReviewsApi } from './api';
import { ScheduleDialog } from './ScheduleDialog';
import { kindName, StandingTag } from './tags';

export interface JointReviewsCardProps {
  applicationId: number;
  /** Where one opens: the enterprise's portal or the staff pages. */
  portal?: boolean;
  /** Offer scheduling (the window or a leader; the server still decides). */
  canSchedule?: boolean;
  departmentIds?: readonly number[];
}

export function JointReviewsCard({ applicationId, portal = false, canSchedule = false, departmentIds = [] }: JointReviewsCardProps) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [scheduling, setScheduling] = useState(false);
  const list = useLoad((signal) => jointReviewsApi.list(applicationId, signal), [applicationId]);
  const items = list.data ?? [];
  // The enterprise sees the card only once there is something to see.
  if (portal && !items.length) return null;
  return (
    <Card title={t('jointReviews.card')} size={portal ? 'small' : 'default'} data-testid="joint-reviews" extra={canSchedule ? (
      <Button size="small" icon={<CalendarOutlined />} onClick={() => setScheduling(true)} data-testid="joint-schedule">{t('jointReviews.schedule')}</Button>
    ) : null}>
      {items.length ? (
        <List size="small" dataSource={items} renderItem={(r) => (
          <List.Item key={r.id} data-testid={`joint-review-${r.id}`}
            actions={[<Link key="open" to={`${portal ? '/my' : '/approvals'}/joint-reviews/${r.id}`} data-testid={`joint-open-${r.id}`}>{t('jointReviews.open')}</Link>]}>
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Space wrap size={4}><Typography.Text strong>{kindName(r.kind, lang, true)}</Typography.Text><StandingTag review={r} testId={`joint-standing-${r.id}`} /></Space>
              <Typography.Text type="secondary">{dayjs(r.scheduledAt).format('YYYY-MM-DD HH:mm')} · {r.place}</Typography.Text>
            </Space>
          </List.Item>
        )} />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jointReviews.empty')} />}
      {canSchedule ? (
        <ScheduleDialog open={scheduling} applicationId={applicationId} departmentIds={departmentIds} onClose={() => setScheduling(false)}
          onDone={() => { setScheduling(false); message.success(t('jointReviews.scheduled')); list.reload(); }} />
      ) : null}
    </Card>
  );
}

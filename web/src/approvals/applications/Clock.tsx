// The statutory clock of an application: both deadlines, the working days taken against the
// committed limit, where it stands, the paused periods (Art. 45 and the applicant's time) and the
// Art. 42 extension. The applicant reads the same figures without the staff's notes on pauses.
import { Alert, Descriptions, List, Progress, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../shell';
import { PAUSE_REASON_NAMES, type ApplicationView } from './api';
import { DueTag, named } from './tags';

export const when = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export function ClockView({ view, audience }: { view: ApplicationView; audience: 'staff' | 'applicant' }) {
  const { t, lang } = useI18n();
  const c = view.clock;
  if (!c) {
    return (
      <Typography.Text type="secondary" data-testid="clock-not-started">
        {t('applications.clock.notStarted', { date: view.noticeDueDate })}
      </Typography.Text>
    );
  }
  const limit = view.committedLimit + view.extensionDays;
  const percent = limit > 0 ? Math.min(100, Math.round((c.workingDaysTaken / limit) * 100)) : 100;
  const pausedDays = c.pausedMinutes / 60;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="clock">
      <Space wrap>
        <DueTag state={c.state} testId="clock-state" />
        {c.paused ? <Tag color="purple" data-testid="clock-paused">{t('applications.clock.pausedNow')}</Tag> : null}
        {c.statutoryOverdue ? <Tag color="red">{t('applications.clock.statutoryOverdue')}</Tag> : null}
        {view.deemedAccepted ? <Tag color="gold">{t('applications.deemedAccepted')}</Tag> : null}
      </Space>
      <Progress percent={percent} status={c.state === 'overdue' ? 'exception' : 'normal'} format={() => t('applications.clock.taken', { n: c.workingDaysTaken, limit })} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('applications.clock.acceptedOn')}>{c.acceptedOn}</Descriptions.Item>
        <Descriptions.Item label={t('applications.clock.committedDue', { n: view.committedLimit })}>
          <span data-testid="clock-committed">{when(c.committedDueAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.clock.statutoryDue', { n: view.statutoryLimit })}>
          <span data-testid="clock-statutory">{when(c.statutoryDueAt)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('applications.clock.pausedTime')}>{t('applications.clock.hours', { n: pausedDays.toFixed(1) })}</Descriptions.Item>
        {view.extensionDays > 0 ? (
          <Descriptions.Item label={t('applications.clock.extension')}>
            <span data-testid="clock-extension">{t('applications.clock.extensionText', { n: view.extensionDays, reason: view.extensionReason ?? '' })}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {view.pauses.length ? (
        <List size="small" header={t('applications.clock.pauses')} bordered data-testid="clock-pauses" dataSource={view.pauses} renderItem={(p) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <span><Tag>{named(PAUSE_REASON_NAMES[p.reason], lang)}</Tag>{when(p.from)} — {p.to ? when(p.to) : t('applications.clock.running')}</span>
              {audience === 'staff' && p.note ? <Typography.Text type="secondary">{p.note}</Typography.Text> : null}
            </Space>
          </List.Item>
        )} />
      ) : null}
      {c.fallbackYears.length ? <Alert type="warning" showIcon message={t('applications.clock.fallback', { years: c.fallbackYears.join('、') })} /> : null}
    </Space>
  );
}

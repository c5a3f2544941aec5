// The running step's deadline as time left in office time: green on time, orange due soon, red
// overdue, and "计时暂停" while the clock stands still.
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n, type Translate } from '../shell';
import { splitWorkingMinutes, type CaseView, type Deadline } from './api';
import { useOfficeDayMinutes } from './reference';

export const DUE_COLORS = { on_time: 'green', due_soon: 'orange', overdue: 'red' } as const;

/** "2个工作日3小时", "5小时20分钟", "0分钟". */
export function formatWorkingTime(t: Translate, minutes: number, dayMinutes: number): string {
  const { days, hours, minutes: mins } = splitWorkingMinutes(minutes, dayMinutes);
  const parts: string[] = [];
  if (days) parts.push(t('cases.time.days', { n: days }));
  if (hours) parts.push(t('cases.time.hours', { n: hours }));
  if (mins && !days) parts.push(t('cases.time.minutes', { n: mins }));
  return parts.length ? parts.join(' ') : t('cases.time.zero');
}

/** Once replied: how long the reply took against its limit, green within it, red beyond. */
function ReplyTimeTag({ replyTime, testId }: { replyTime: NonNullable<CaseView['replyTime']>; testId?: string }) {
  const { t } = useI18n();
  const dayMinutes = useOfficeDayMinutes();
  const took = formatWorkingTime(t, replyTime.minutes, dayMinutes);
  const limit = formatWorkingTime(t, replyTime.limitMinutes, dayMinutes);
  return (
    <Tag color={replyTime.late ? 'red' : 'green'} icon={<ClockCircleOutlined />} data-testid={testId} data-state={replyTime.late ? 'late' : 'in_time'}>
      {t(replyTime.late ? 'cases.due.tookLate' : 'cases.due.took', { took, limit })}
    </Tag>
  );
}

/** The running step's deadline; once replied, the time the reply took (replyTime); else "未计时". */
export function DeadlineTag({ deadline, replyTime, testId }: { deadline: Deadline | null; replyTime?: CaseView['replyTime']; testId?: string }) {
  const { t } = useI18n();
  const dayMinutes = useOfficeDayMinutes();
  if (!deadline && replyTime) return <ReplyTimeTag replyTime={replyTime} testId={testId} />;
  if (!deadline) {
    return (
      <span data-testid={testId} data-state="none" style={{ color: '#999' }}>
        {t('cases.due.none')}
      </span>
    );
  }
  const time = formatWorkingTime(t, deadline.minutesLeft, dayMinutes);
  const left = deadline.minutesLeft < 0 || deadline.state === 'overdue' ? t('cases.due.over', { time }) : t('cases.due.left', { time });
  const tip = `${t('cases.due.at', { step: t(`cases.due.step.${deadline.step}`), at: dayjs(deadline.dueAt).format('YYYY-MM-DD HH:mm') })} · ${left}`;
  if (deadline.paused) {
    return (
      <Tooltip title={tip}>
        <Tag icon={<PauseCircleOutlined />} data-testid={testId} data-state="paused">
          {t('cases.due.paused')}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={tip}>
      <Tag color={DUE_COLORS[deadline.state]} icon={<ClockCircleOutlined />} data-testid={testId} data-state={deadline.state}>
        {t(`cases.due.step.${deadline.step}`)} · {left}
      </Tag>
    </Tooltip>
  );
}

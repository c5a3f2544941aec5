import { useMemo, useState } from 'react';
import { Alert, Calendar, Card, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n, useLoad } from '../shell';
import { calendarApi, type CalendarDay } from './api';

const ISO = 'YYYY-MM-DD';

/** Month view marking public holidays (休, red) and make-up working days (班, blue). */
export function MonthView({ refreshKey }: { refreshKey: number }) {
  const { t, lang } = useI18n();
  const [value, setValue] = useState<Dayjs>(() => dayjs());
  const monthKey = value.format('YYYY-MM');
  // The month grid shows up to a week before and two weeks after the month.
  const from = value.startOf('month').subtract(7, 'day').format(ISO);
  const to = value.endOf('month').add(14, 'day').format(ISO);
  const days = useLoad((signal) => calendarApi.days(from, to, signal), [from, to, refreshKey]);

  const byDate = useMemo(() => {
    const m = new Map<string, CalendarDay>();
    for (const d of days.data ?? []) m.set(d.date, d);
    return m;
  }, [days.data]);

  const monthLacksData = (days.data ?? []).some((d) => d.date.startsWith(monthKey) && !d.dataAvailable);

  const renderDate = (current: Dayjs) => {
    const date = current.format(ISO);
    const d = byDate.get(date);
    if (!d || (d.kind !== 'holiday' && d.kind !== 'makeup_workday')) return null;
    const holiday = d.kind === 'holiday';
    return (
      <div data-testid={`calendar-day-${date}`} data-kind={d.kind}>
        <Tag color={holiday ? 'red' : 'blue'} style={{ marginInlineEnd: 4 }}>
          {holiday ? t('calendar.holiday') : t('calendar.makeup')}
        </Tag>
        {d.name && (
          <Typography.Text style={{ fontSize: 12, color: holiday ? '#cf1322' : '#0958d9' }}>{d.name}</Typography.Text>
        )}
      </div>
    );
  };

  return (
    <Card
      title={t('calendar.menu')}
      data-testid="calendar-month"
      extra={
        <Space size="small">
          <Tag color="red">{t('calendar.holiday')}</Tag>
          <Typography.Text type="secondary">{t('calendar.legendHoliday')}</Typography.Text>
          <Tag color="blue">{t('calendar.makeup')}</Tag>
          <Typography.Text type="secondary">{t('calendar.legendMakeup')}</Typography.Text>
        </Space>
      }
    >
      {monthLacksData && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="calendar-month-nodata"
          message={t('calendar.monthNoData', { month: lang === 'en' ? value.format('MMMM YYYY') : value.format('YYYY年M月') })}
        />
      )}
      <Calendar
        value={value}
        onChange={setValue}
        onPanelChange={(d) => setValue(d)}
        cellRender={(current, info) => (info.type === 'date' ? renderDate(current) : info.originNode)}
      />
    </Card>
  );
}

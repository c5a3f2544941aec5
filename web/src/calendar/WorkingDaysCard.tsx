import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, InputNumber, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n, useLoad, useReportError } from '../shell';
import { calendarApi, formatOffset, type AddWorkingDaysResult } from './api';

interface CalcForm {
  date: Dayjs;
  days: number;
}

/** "N working days after date D" through the server's calendar, plus the office hours. */
export function WorkingDaysCard() {
  const { t } = useI18n();
  const reportError = useReportError();
  const hours = useLoad((signal) => calendarApi.officeHours(signal), []);
  const [result, setResult] = useState<(AddWorkingDaysResult & { from: string; days: number }) | null>(null);
  const [busy, setBusy] = useState(false);

  const calc = async (v: CalcForm) => {
    setBusy(true);
    try {
      const from = v.date.format('YYYY-MM-DD');
      const r = await calendarApi.addWorkingDays(from, v.days);
      setResult({ ...r, from, days: v.days });
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('calendar.calc')}>
      <Form<CalcForm>
        layout="inline"
        name="add-working-days"
        initialValues={{ date: dayjs(), days: 5 }}
        onFinish={(v) => void calc(v)}
        data-testid="awd-form"
      >
        <Form.Item label={t('calendar.calcStart')} name="date" rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="awd-date" />
        </Form.Item>
        <Form.Item label={t('calendar.calcDays')} name="days" rules={[{ required: true }]}>
          <InputNumber<number> min={0} max={3650} precision={0} data-testid="awd-days" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="awd-submit">
            {t('calendar.calcSubmit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 8 }}>
        {t('calendar.calcHelp')}
      </Typography.Paragraph>
      {result && (
        <div data-testid="awd-result" data-date={result.date} aria-live="polite">
          <Alert
            type={result.fallbackYears.length ? 'warning' : 'success'}
            showIcon
            message={t('calendar.calcResult', { date: result.from, days: result.days, result: result.date })}
            description={
              result.fallbackYears.length > 0 && t('calendar.calcFallback', { years: result.fallbackYears.join('、') })
            }
          />
        </div>
      )}
      {hours.data && (
        <Descriptions size="small" column={1} style={{ marginTop: 16 }} data-testid="office-hours">
          <Descriptions.Item label={t('calendar.officeHours')}>
            <Space wrap>
              {hours.data.periods.map((p) => (
                <span key={`${p.start}-${p.end}`}>
                  {p.start}–{p.end}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('calendar.timeZone')}>{formatOffset(hours.data.timeZoneOffsetMinutes)}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

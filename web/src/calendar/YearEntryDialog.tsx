// Admin enters a year's official arrangement by hand (PUT /api/calendar/years/:year), e.g.
// when the State Council publishes next year's holidays before the bundled data has them.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Row, Space, Spin, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText, useI18n } from '../shell';
import { calendarApi, type NamedDate } from './api';

interface DateRow {
  date?: Dayjs;
  name?: string;
}

interface EntryForm {
  holidays: DateRow[];
  makeUpWorkdays: DateRow[];
}

const ISO = 'YYYY-MM-DD';

function toRows(list: NamedDate[]): DateRow[] {
  return list.map((d) => ({ date: dayjs(d.date), name: d.name }));
}

function fromRows(rows: DateRow[] | undefined): NamedDate[] {
  return (rows ?? [])
    .filter((r): r is { date: Dayjs; name?: string } => !!r.date)
    .map((r) => ({ date: r.date.format(ISO), name: (r.name ?? '').trim() }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

function DateList({ name, year, title, testId }: { name: keyof EntryForm; year: number; title: string; testId: string }) {
  const { t } = useI18n();
  const outsideYear = (d: Dayjs) => d.year() !== year;
  return (
    <div data-testid={testId}>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top">
                <Col flex="160px">
                  <Form.Item
                    name={[f.name, 'date']}
                    rules={[
                      { required: true, message: t('common.select', { field: t('calendar.date') }) },
                      {
                        validator: (_, v: Dayjs | undefined) =>
                          !v || v.year() === year
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('calendar.dateOutOfYear', { year }))),
                      },
                    ]}
                  >
                    <DatePicker
                      aria-label={t('calendar.date')}
                      disabledDate={outsideYear}
                      defaultPickerValue={dayjs(`${year}-01-01`)}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col flex="auto">
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('calendar.name') }) }]}
                  >
                    <Input aria-label={t('calendar.name')} placeholder={t('calendar.name')} maxLength={30} />
                  </Form.Item>
                </Col>
                <Col flex="40px">
                  <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 16 }}>
              {t('calendar.addRow')}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}

export function YearEntryDialog({ year, onClose, onSaved }: { year: number | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryForm>();
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (year === null) return;
    const c = new AbortController();
    setError(null);
    setLoading(true);
    form.setFieldsValue({ holidays: [], makeUpWorkdays: [] });
    calendarApi
      .days(`${year}-01-01`, `${year}-12-31`, c.signal)
      .then((days) => {
        const pick = (kind: string) => days.filter((d) => d.kind === kind).map((d) => ({ date: d.date, name: d.name ?? '' }));
        form.setFieldsValue({ holidays: toRows(pick('holiday')), makeUpWorkdays: toRows(pick('makeup_workday')) });
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (c.signal.aborted) return;
        setLoading(false);
        setError(errorText(e, t('error.unexpected')));
      });
    return () => c.abort();
  }, [year, form, t]);

  const submit = async (v: EntryForm) => {
    if (year === null) return;
    const holidays = fromRows(v.holidays);
    const makeUpWorkdays = fromRows(v.makeUpWorkdays);
    const seen = new Set<string>();
    for (const d of [...holidays, ...makeUpWorkdays]) {
      if (seen.has(d.date)) {
        setError(t('calendar.duplicateDate', { date: d.date }));
        return;
      }
      seen.add(d.date);
    }
    setSaving(true);
    setError(null);
    try {
      await calendarApi.putYear(year, { holidays, makeUpWorkdays });
      message.success(t('calendar.saved', { year }));
      onSaved();
      onClose();
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={year !== null}
      title={year !== null ? t('calendar.enterTitle', { year }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'calendar-entry-submit' }}
      width={720}
      forceRender
    >
      <div data-testid="calendar-entry-dialog">
        <Typography.Paragraph type="secondary">{t('calendar.enterHelp')}</Typography.Paragraph>
        {error && (
          <div role="alert" style={{ marginBottom: 12 }}>
            <Alert type="error" showIcon message={error} />
          </div>
        )}
        <Spin spinning={loading}>
          <Form<EntryForm> form={form} name="calendar-entry" onFinish={(v) => void submit(v)}>
            {year !== null && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <DateList name="holidays" year={year} title={t('calendar.holidayList')} testId="calendar-entry-holidays" />
                <DateList name="makeUpWorkdays" year={year} title={t('calendar.makeupList')} testId="calendar-entry-makeups" />
              </Space>
            )}
          </Form>
        </Spin>
      </div>
    </Modal>
  );
}

// The leaders' hotline duty (领导坐班接听): an office's roster for a month and the calls each leader took on duty.
import { useState } from 'react';
import { Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ScheduleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { hasAnyRole, nameIn, useI18n, useLoad, useMe, useReportError } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import { DUTY_HALF_NAMES, servicesApi, type DutySlotView } from './api';

export default function DutyPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const reportError = useReportError();
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const [officeId, setOfficeId] = useState<number | null>(me.officeId);
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const duty = useLoad((signal) => (officeId === null ? Promise.resolve(undefined) : servicesApi.duty(officeId, month, signal)), [officeId, month]);
  const [busy, setBusy] = useState(false);
  const manages = hasAnyRole(me.roles, ['admin', 'leader']);

  const schedule = async () => {
    if (officeId === null) return;
    setBusy(true);
    try {
      duty.setData(await servicesApi.scheduleDuty(officeId, month));
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<DutySlotView> = [
    { title: t('services.duty.date'), dataIndex: 'date', key: 'date', width: 170, render: (d: string) => `${d}（${dayjs(d).locale(lang === 'en' ? 'en' : 'zh-cn').format('ddd')}）` },
    { title: t('services.duty.half'), key: 'half', width: 90, render: (_: unknown, s) => nameIn(lang, DUTY_HALF_NAMES[s.half]) },
    { title: t('services.duty.leader'), dataIndex: 'leaderName', key: 'leader', width: 140 },
    {
      title: t('services.duty.calls'), key: 'calls',
      render: (_: unknown, s) => s.calls.length === 0 ? '—' : (
        <Space direction="vertical" size={0}>{s.calls.map((c) => <Link key={c.id} to={`/cases/${c.id}`}>{c.code} {c.title}</Link>)}</Space>
      ),
    },
  ];

  return (
    <Card title={t('services.duty.title')} extra={manages && (
      <Button icon={<ScheduleOutlined />} loading={busy} disabled={officeId === null} onClick={schedule} data-testid="duty-schedule">{t('services.duty.schedule')}</Button>
    )}>
      <Space wrap style={{ marginBottom: 12 }}>
        <OfficeTreeSelect offices={offices.data ?? []} loading={offices.loading} value={officeId} onChange={setOfficeId} style={{ width: 280 }} aria-label={t('services.duty.office')} />
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label={t('services.duty.month')} />
      </Space>
      <Typography.Paragraph type="secondary">{t('services.duty.help')}</Typography.Paragraph>
      <Table<DutySlotView> rowKey="id" size="middle" loading={duty.loading} columns={columns} dataSource={duty.data?.slots ?? []} pagination={false}
        locale={{ emptyText: t('services.duty.none') }} data-testid="duty-table" />
    </Card>
  );
}

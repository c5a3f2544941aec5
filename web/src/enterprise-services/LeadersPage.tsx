// Leaders assigned to key enterprises (包联) and the monthly enterprise service day (企业服务日).
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { applyFieldErrors, hasAnyRole, useI18n, useLoad, useMe, useReportError } from '../shell';
import { servicesApi, type LeaderAssignmentView } from './api';

export default function LeadersPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useReportError();
  const list = useLoad((signal) => servicesApi.assignments(signal), []);
  const [assigning, setAssigning] = useState(false);
  const manages = hasAnyRole(me.roles, ['admin', 'leader']);
  const today = dayjs().format('YYYY-MM-DD');

  const schedule = async () => {
    try {
      const r = await servicesApi.scheduleServiceDay(dayjs().format('YYYY-MM'));
      message.success(t('services.serviceDay.done', { day: r.serviceDay, n: r.planned.length, m: r.alreadyPlanned }));
    } catch (err) {
      reportError(err);
    }
  };
  const end = async (a: LeaderAssignmentView) => {
    try {
      await servicesApi.endAssignment(a, today < a.startsOn ? a.startsOn : today);
      list.reload();
    } catch (err) {
      reportError(err, { onReload: list.reload });
    }
  };

  const columns: TableColumnsType<LeaderAssignmentView> = [
    { title: t('services.leaders.leader'), dataIndex: 'leaderName', key: 'leader' },
    { title: t('services.field.enterprise'), key: 'enterprise', render: (_: unknown, a) => <Link to={`/enterprises/${a.uscc}`}>{a.enterpriseName}</Link> },
    { title: t('services.leaders.startsOn'), dataIndex: 'startsOn', key: 'startsOn', width: 120 },
    { title: t('services.leaders.endsOn'), key: 'endsOn', width: 120, render: (_: unknown, a) => a.endsOn ?? '—' },
    { title: t('services.leaders.note'), key: 'note', render: (_: unknown, a) => a.note ?? '' },
    ...(manages ? [{
      title: '', key: 'actions', width: 110,
      render: (_: unknown, a: LeaderAssignmentView) => a.endsOn === null && (
        <Popconfirm title={t('services.leaders.end')} onConfirm={() => end(a)}><Button size="small">{t('services.leaders.end')}</Button></Popconfirm>
      ),
    }] : []),
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('services.leaders.title')} extra={manages && (
        <Space>
          <Button icon={<CalendarOutlined />} onClick={schedule} data-testid="service-day-schedule">{t('services.serviceDay.schedule')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)} data-testid="assign-leader">{t('services.leaders.assign')}</Button>
        </Space>
      )}>
        <Table<LeaderAssignmentView> rowKey="id" size="middle" loading={list.loading} columns={columns} dataSource={list.data ?? []} pagination={false}
          locale={{ emptyText: t('services.leaders.none') }} data-testid="assignment-table" />
      </Card>
      {assigning && <AssignDialog onClose={() => setAssigning(false)} onDone={list.reload} />}
    </Space>
  );
}

interface AssignValues {
  leaderUserId: number;
  uscc: string;
  startsOn: Dayjs;
  note?: string;
}

function AssignDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const reportError = useReportError();
  const [form] = Form.useForm<AssignValues>();
  const leaders = useLoad((signal) => servicesApi.leaders(signal), []);
  const [busy, setBusy] = useState(false);
  const submit = async (v: AssignValues) => {
    setBusy(true);
    try {
      await servicesApi.assign({ leaderUserId: v.leaderUserId, uscc: v.uscc.trim().toUpperCase(), startsOn: v.startsOn.format('YYYY-MM-DD'), note: v.note?.trim() || null });
      onDone();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) reportError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('services.leaders.assign')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': 'assign-submit' } as never}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ startsOn: dayjs() }}>
        <Form.Item name="leaderUserId" label={t('services.leaders.leader')} rules={[{ required: true }]}>
          <Select loading={leaders.loading} showSearch optionFilterProp="label" options={(leaders.data ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.officeName}）` }))} data-testid="assign-leader-select" />
        </Form.Item>
        <Form.Item name="uscc" label={t('services.field.uscc')} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} data-testid="assign-uscc" />
        </Form.Item>
        <Form.Item name="startsOn" label={t('services.leaders.startsOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('services.leaders.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// Service visits (走访服务): the visits the viewer may read with their problems and how many are
// solved, planning a visit, and the year's figures by office.
import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { applyFieldErrors, hasAnyRole, nameIn, useI18n, useLoad, useMe, useReportError } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import {
  figuresXlsxUrl, SERVICE_VISIT_KIND_NAMES, SERVICE_VISIT_KINDS, SERVICE_VISIT_STATUS_NAMES, SERVICE_VISIT_STATUSES, servicesApi,
  type ServiceVisitFigures, type ServiceVisitKind, type ServiceVisitStatus, type ServiceVisitSummary,
} from './api';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<ServiceVisitStatus, string> = { planned: 'blue', held: 'orange', closed: 'green', cancelled: 'default' };

export function VisitStatusTag({ status }: { status: ServiceVisitStatus }) {
  const { lang } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{nameIn(lang, SERVICE_VISIT_STATUS_NAMES[status])}</Tag>;
}

export default function VisitsPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const [status, setStatus] = useState<ServiceVisitStatus | undefined>();
  const [kind, setKind] = useState<ServiceVisitKind | undefined>();
  const [page, setPage] = useState(1);
  const [planning, setPlanning] = useState(false);
  const filter = useMemo(() => ({ status, kind, page, pageSize: PAGE_SIZE }), [status, kind, page]);
  const list = useLoad((signal) => servicesApi.visits(filter, signal), [filter]);
  const mayPlan = hasAnyRole(me.roles, ['admin', 'leader', 'handler']);
  const staff = !hasAnyRole(me.roles, ['enterprise']);

  const columns: TableColumnsType<ServiceVisitSummary> = [
    { title: t('services.field.enterprise'), key: 'enterprise', render: (_: unknown, v) => <Link to={`/enterprise-services/visits/${v.id}`} data-testid={`visit-link-${v.id}`}>{v.enterpriseName}</Link> },
    { title: t('services.field.kind'), key: 'kind', render: (_: unknown, v) => nameIn(lang, SERVICE_VISIT_KIND_NAMES[v.kind]) },
    { title: t('services.field.office'), dataIndex: 'officeName', key: 'office' },
    { title: t('services.field.leader'), key: 'leader', render: (_: unknown, v) => v.leaderName ?? '—' },
    { title: t('services.field.plannedOn'), dataIndex: 'plannedOn', key: 'plannedOn', width: 120 },
    { title: t('services.field.problems'), key: 'problems', width: 130, render: (_: unknown, v) => `${v.problems} / ${v.solved}` },
    { title: t('services.field.status'), key: 'status', width: 100, render: (_: unknown, v) => <VisitStatusTag status={v.status} /> },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('services.visits.title')} extra={mayPlan && <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="visit-plan">{t('services.visits.plan')}</Button>}>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select allowClear style={{ width: 160 }} placeholder={t('services.field.status')} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
            options={SERVICE_VISIT_STATUSES.map((s) => ({ value: s, label: nameIn(lang, SERVICE_VISIT_STATUS_NAMES[s]) }))} />
          <Select allowClear style={{ width: 180 }} placeholder={t('services.field.kind')} value={kind} onChange={(v) => { setKind(v); setPage(1); }}
            options={SERVICE_VISIT_KINDS.map((k) => ({ value: k, label: nameIn(lang, SERVICE_VISIT_KIND_NAMES[k]) }))} />
        </Space>
        <Table<ServiceVisitSummary> rowKey="id" size="middle" loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} data-testid="visit-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('services.visits.total', { n }) }} />
      </Card>
      {staff && <FiguresCard />}
      {planning && <PlanDialog onClose={() => setPlanning(false)} defaultOfficeId={me.officeId} />}
    </Space>
  );
}

function FiguresCard() {
  const { t } = useI18n();
  const [year, setYear] = useState(dayjs().year());
  const figures = useLoad((signal) => servicesApi.figures(year, signal), [year]);
  const columns: TableColumnsType<ServiceVisitFigures['rows'][number]> = [
    { title: t('services.field.office'), dataIndex: 'officeName', key: 'office' },
    ...(['visits', 'held', 'problems', 'solved', 'needs', 'suggestions'] as const).map((k) => ({ title: t(`services.figures.${k}`), dataIndex: k, key: k, width: 110 })),
  ];
  return (
    <Card title={t('services.figures.title')} size="small"
      extra={<Space>
        <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} aria-label={t('services.figures.year')} />
        <Button icon={<DownloadOutlined />} href={figuresXlsxUrl(year)}>{t('services.figures.export')}</Button>
      </Space>}>
      <Table rowKey="officeId" size="small" pagination={false} loading={figures.loading} columns={columns} dataSource={figures.data?.rows ?? []} data-testid="visit-figures" />
    </Card>
  );
}

interface PlanValues {
  kind: ServiceVisitKind;
  uscc: string;
  officeId: number;
  plannedOn: Dayjs;
  members?: string;
  purpose: string;
}

function PlanDialog({ onClose, defaultOfficeId }: { onClose: () => void; defaultOfficeId: number | null }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [form] = Form.useForm<PlanValues>();
  const [busy, setBusy] = useState(false);
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const submit = async (v: PlanValues) => {
    setBusy(true);
    try {
      const created = await servicesApi.plan({
        kind: v.kind, uscc: v.uscc.trim().toUpperCase(), officeId: v.officeId, plannedOn: v.plannedOn.format('YYYY-MM-DD'),
        members: (v.members ?? '').split('\n').map((m) => m.trim()).filter(Boolean), purpose: v.purpose,
      });
      message.success(t('common.saved'));
      navigate(`/enterprise-services/visits/${created.id}`);
    } catch (err) {
      if (!applyFieldErrors(form, err)) reportError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('services.visits.plan')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': 'plan-submit' } as never} width={600}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'service_team', officeId: defaultOfficeId ?? undefined, plannedOn: dayjs() }}>
        <Form.Item name="kind" label={t('services.field.kind')} rules={[{ required: true }]}>
          <Select options={SERVICE_VISIT_KINDS.filter((k) => k !== 'service_day').map((k) => ({ value: k, label: nameIn(lang, SERVICE_VISIT_KIND_NAMES[k]) }))} />
        </Form.Item>
        <Form.Item name="uscc" label={t('services.field.uscc')} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} data-testid="plan-uscc" />
        </Form.Item>
        <Form.Item name="officeId" label={t('services.field.office')} rules={[{ required: true }]}>
          <OfficeTreeSelect offices={offices.data ?? []} loading={offices.loading} />
        </Form.Item>
        <Form.Item name="plannedOn" label={t('services.field.plannedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="members" label={t('services.field.members')} extra={t('services.field.membersHelp')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="purpose" label={t('services.field.purpose')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="plan-purpose" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

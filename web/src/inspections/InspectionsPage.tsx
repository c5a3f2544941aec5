// A department's plans and tasks: draw up a yearly plan in batches and a (joint) task under it; figures.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { nameIn, useI18n, useLoad, useMe, useReportError } from '../shell';
import { RegionSelect } from '../regions';
import { ENTERPRISE_KIND_NAMES, ENTERPRISE_KINDS, ENTERPRISE_SIZE_NAMES, ENTERPRISE_SIZES, industryTree } from '../enterprises';
import { inspectionsApi, STRATA, STRATUM_NAMES, TASK_STATUS_NAMES, type InspectionPlanView, type TaskSummary } from './api';
import { RosterPreviewPanel, type RosterPreviewRequest } from './RosterPreviewPanel';

const TODAY = () => new Date().toISOString().slice(0, 10);

function PlanForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const reportError = useReportError();
  const year = new Date().getFullYear();
  const submit = async (v: { title: string; year: number }) => {
    try {
      await inspectionsApi.createPlan({ officeId: me!.officeId, year: v.year, title: v.title, batches: [{ no: 1, name: `${v.year}`, from: `${v.year}-01-01`, to: `${v.year}-12-31` }] });
      onDone();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Form layout="inline" onFinish={submit} initialValues={{ year }} data-testid="plan-form">
      <Form.Item name="title" label={t('inspections.plan.title')} rules={[{ required: true }]}><Input data-testid="plan-title" style={{ width: 280 }} /></Form.Item>
      <Form.Item name="year" label={t('inspections.plan.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} data-testid="plan-year" /></Form.Item>
      <Button type="primary" htmlType="submit" data-testid="plan-create">{t('inspections.plan.new')}</Button>
    </Form>
  );
}

interface TaskForm {
  planId: number; title: string; joiningOfficeIds?: number[]; itemIds: number[]; periodFrom: string; periodTo: string;
  kind?: string; size?: string; industry?: string; regionCode?: string;
  seedZh: string; seedEn: string; good: number; normal: number; bad: number;
}

/** The target roster's filters as the API takes them: only those picked. */
const rosterFilters = (v: Partial<TaskForm>): Record<string, string> =>
  Object.fromEntries((['kind', 'size', 'industry', 'regionCode'] as const).flatMap((k) => (v[k] ? [[k, v[k]!]] : [])));

/** The roster part of the form, once it names a plan and a ratio for every class. */
function previewRequest(v: Partial<TaskForm> | undefined): RosterPreviewRequest | null {
  if (!v?.planId || STRATA.some((s) => typeof v[s] !== 'number')) return null;
  return { planId: v.planId, joiningOfficeIds: v.joiningOfficeIds ?? [], filters: rosterFilters(v), strata: STRATA.map((s) => ({ stratum: s, basisPoints: v[s]! })) };
}

function TaskFormCard({ plans, onDone }: { plans: InspectionPlanView[]; onDone: (id: number) => void }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const reportError = useReportError();
  const items = useLoad((signal) => inspectionsApi.items(signal), []);
  const departments = [...new Map((items.data ?? []).map((i) => [i.officeId, i.officeName])).entries()].filter(([id]) => id !== me?.officeId);
  const [form] = Form.useForm<TaskForm>();
  const watched = Form.useWatch([], form) as Partial<TaskForm> | undefined;
  const submit = async (v: TaskForm) => {
    try {
      const task = await inspectionsApi.createTask({
        planId: v.planId, batch: 1, title: v.title, joiningOfficeIds: v.joiningOfficeIds ?? [], itemIds: v.itemIds, filters: rosterFilters(v),
        strata: STRATA.map((s) => ({ stratum: s, basisPoints: v[s] })), periodFrom: v.periodFrom, periodTo: v.periodTo, seedSource: { zh: v.seedZh, en: v.seedEn },
      });
      onDone(task.id);
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ good: 300, normal: 300, bad: 2000, periodFrom: `${new Date().getFullYear()}-01-01`, periodTo: TODAY() }} data-testid="task-form">
      <Space wrap align="start">
        <Form.Item name="planId" label={t('inspections.task.plan')} rules={[{ required: true }]}>
          <Select style={{ width: 260 }} options={plans.map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))} data-testid="task-plan" />
        </Form.Item>
        <Form.Item name="title" label={t('inspections.task.title')} rules={[{ required: true }]}><Input style={{ width: 260 }} data-testid="task-title" /></Form.Item>
        <Form.Item name="joiningOfficeIds" label={t('inspections.task.joining')}>
          <Checkbox.Group options={departments.map(([id, name]) => ({ value: id, label: name }))} data-testid="task-joining" />
        </Form.Item>
      </Space>
      <Form.Item name="itemIds" label={t('inspections.task.items')} rules={[{ required: true }]}>
        <Checkbox.Group options={(items.data ?? []).filter((i) => i.active).map((i) => ({ value: i.id, label: `${i.officeName}：${i.name}` }))} data-testid="task-items" />
      </Form.Item>
      <Space wrap align="start">
        {STRATA.map((s) => (
          <Form.Item key={s} name={s} label={t('inspections.task.ratio', { name: STRATUM_NAMES[s][lang === 'en' ? 'en' : 'zh'] })} rules={[{ required: true }]}>
            <InputNumber min={0} max={10000} data-testid={`task-ratio-${s}`} />
          </Form.Item>
        ))}
        <Form.Item name="periodFrom" label={t('inspections.task.periodFrom')} rules={[{ required: true }]}><Input type="date" data-testid="task-from" /></Form.Item>
        <Form.Item name="periodTo" label={t('inspections.task.periodTo')} rules={[{ required: true }]}><Input type="date" data-testid="task-to" /></Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="kind" label={t('inspections.task.kind')}>
          <Select allowClear style={{ width: 200 }} options={ENTERPRISE_KINDS.map((k) => ({ value: k, label: nameIn(lang, ENTERPRISE_KIND_NAMES[k]) }))} data-testid="task-kind" />
        </Form.Item>
        <Form.Item name="size" label={t('inspections.task.size')}>
          <Select allowClear style={{ width: 140 }} options={ENTERPRISE_SIZES.map((k) => ({ value: k, label: nameIn(lang, ENTERPRISE_SIZE_NAMES[k]) }))} data-testid="task-size" />
        </Form.Item>
        <Form.Item name="industry" label={t('inspections.task.industry')}>
          <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={industryTree()} style={{ width: 260 }} data-testid="task-industry" />
        </Form.Item>
        <Form.Item label={t('inspections.task.region')}>
          <div style={{ width: 240 }}>
            <Form.Item name="regionCode" noStyle><RegionSelect aria-label={t('inspections.task.region')} data-testid="task-region" /></Form.Item>
          </div>
        </Form.Item>
      </Space>
      <Form.Item label={t('inspections.task.roster')}><RosterPreviewPanel request={previewRequest(watched)} /></Form.Item>
      <Space wrap align="start">
        <Form.Item name="seedZh" label={t('inspections.task.seedZh')} rules={[{ required: true }]}><Input style={{ width: 300 }} data-testid="task-seed-zh" /></Form.Item>
        <Form.Item name="seedEn" label={t('inspections.task.seedEn')} rules={[{ required: true }]}><Input style={{ width: 300 }} data-testid="task-seed-en" /></Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" data-testid="task-create">{t('inspections.task.new')}</Button>
    </Form>
  );
}

export default function InspectionsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const plans = useLoad((signal) => inspectionsApi.plans(signal), []);
  // A figure's drill-down (the evaluation dashboard) lists a department's tasks of a year.
  const [params] = useSearchParams();
  const drill = Object.fromEntries(['leadOfficeId', 'year', 'status'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const tasks = useLoad((signal) => inspectionsApi.tasks(signal, drill), [params.toString()]);
  const [newTask, setNewTask] = useState(false);
  const name = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('inspections.plans')} extra={<Space><Link to="/inspections/lists" data-testid="lists-link">{t('inspections.lists')}</Link><Link to="/inspections/figures">{t('inspections.figures')}</Link></Space>}>
        <PlanForm onDone={() => { message.success(t('common.created')); plans.reload(); }} />
        <Table<InspectionPlanView> style={{ marginTop: 16 }} rowKey="id" size="small" loading={plans.loading} dataSource={plans.data ?? []} pagination={false}
          columns={[
            { title: t('inspections.plan.year'), dataIndex: 'year' }, { title: t('inspections.plan.title'), dataIndex: 'title' },
            { title: t('inspections.plan.office'), dataIndex: 'officeName' }, { title: t('inspections.tasks'), dataIndex: 'tasks' },
          ]} />
      </Card>
      <Card title={t('inspections.tasks')} extra={<Button onClick={() => setNewTask((v) => !v)} data-testid="task-new">{t('inspections.task.new')}</Button>}>
        {newTask && <TaskFormCard plans={plans.data ?? []} onDone={(id) => navigate(`/inspections/tasks/${id}`)} />}
        <Table<TaskSummary> style={{ marginTop: 16 }} rowKey="id" size="small" loading={tasks.loading} dataSource={tasks.data ?? []} pagination={false}
          columns={[
            { title: t('inspections.task.code'), key: 'code', render: (_: unknown, r) => <Link to={`/inspections/tasks/${r.id}`} data-testid={`task-link-${r.id}`}>{r.code}</Link> },
            { title: t('inspections.task.title'), dataIndex: 'title' },
            { title: t('inspections.task.departments'), key: 'departments', render: (_: unknown, r) => r.departments.map((d) => d.name).join('、') },
            { title: t('inspections.task.period'), key: 'period', render: (_: unknown, r) => `${r.periodFrom} – ${r.periodTo}` },
            { title: t('inspections.task.status'), key: 'status', render: (_: unknown, r) => <Tag>{name(TASK_STATUS_NAMES[r.status])}</Tag> },
          ]} />
      </Card>
    </Space>
  );
}

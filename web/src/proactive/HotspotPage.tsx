// One hotspot: why it was flagged, its weekly trend against the same weeks last year (ECharts),
// its cases (each opens the case), and what its watchers do with it: dismiss with a reason, or
// turn it into a proactive task.
import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useI18n, useLoad, useReportError } from '../shell';
import { EChart, type ChartOption } from '../evaluation/EChart';
import { HOTSPOT_KIND_NAMES, HOTSPOT_STATUS_NAMES, proactiveApi, seriesLabel, type Assignment } from './api';
import { AssignmentForm } from './AssignmentForm';

export default function HotspotPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const report = useReportError();
  const hotspot = useLoad((signal) => proactiveApi.hotspot(id, signal), [id]);
  const cases = useLoad((signal) => proactiveApi.hotspotCases(id, signal), [id]);
  const [dialog, setDialog] = useState<'dismiss' | 'task' | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [taskForm] = Form.useForm<Assignment>();
  const h = hotspot.data;
  const name = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);

  const option: ChartOption = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { data: [t('proactive.hotspot.thisYear'), t('proactive.hotspot.lastYear')] },
    grid: { left: 40, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: h?.trend.map((p) => p.week) ?? [] },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('proactive.hotspot.thisYear'), type: 'line', data: h?.trend.map((p) => p.count) ?? [], smooth: true },
      { name: t('proactive.hotspot.lastYear'), type: 'line', data: h?.trend.map((p) => p.lastYear) ?? [], lineStyle: { type: 'dashed' } },
    ],
  }), [h, t]);

  const submit = async () => {
    if (!h) return;
    setBusy(true);
    try {
      if (dialog === 'dismiss') {
        const { reason } = await reasonForm.validateFields();
        await proactiveApi.dismiss(h.id, h.version, reason);
        setDialog(null);
        hotspot.reload();
      } else {
        const a = await taskForm.validateFields();
        const done = await proactiveApi.turnIntoTask(h.id, h.version, a);
        navigate(`/proactive-tasks/${done.taskId}`);
      }
    } catch (e) {
      if (!(e && typeof e === 'object' && 'errorFields' in e)) report(e);
    } finally {
      setBusy(false);
    }
  };

  if (!h) return <Spin spinning={hotspot.loading} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <Tag color="volcano">{name(HOTSPOT_KIND_NAMES[h.kind])}</Tag>{seriesLabel(h, lang)}
        </Typography.Title>
        <Space>
          <Tag data-testid="hotspot-status" data-status={h.status}>{name(HOTSPOT_STATUS_NAMES[h.status])}</Tag>
          {h.actions.includes('dismiss') && <Button data-testid="hotspot-dismiss" onClick={() => setDialog('dismiss')}>{t('proactive.action.dismiss')}</Button>}
          {h.actions.includes('task') && (
            <Button type="primary" data-testid="hotspot-task" onClick={() => { taskForm.setFieldsValue({ title: `${seriesLabel(h, lang)} ${h.week}`, description: name(h.why) }); setDialog('task'); }}>
              {t('proactive.action.task')}
            </Button>
          )}
          {h.caseListQuery !== null && <Link data-testid="hotspot-open-case-list" to={`/cases?${h.caseListQuery}`}>{t('proactive.hotspot.caseList')}</Link>}
          {h.taskId !== null && <Link data-testid="hotspot-task-link" to={`/proactive-tasks/${h.taskId}`}>{t('proactive.hotspot.task')}</Link>}
        </Space>
      </Space>
      <Card>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('proactive.hotspot.week')}>{h.week}（{h.weekStart}）</Descriptions.Item>
          <Descriptions.Item label={t('proactive.hotspot.office')}>{h.officeName}</Descriptions.Item>
          <Descriptions.Item label={t('proactive.hotspot.observed')}><span data-testid="hotspot-observed">{h.observed}</span></Descriptions.Item>
          {typeof h.basis.expected === 'number' && <Descriptions.Item label={t('proactive.hotspot.expected')}>{(h.basis.expected as number).toFixed(1)}</Descriptions.Item>}
          {h.terms.length > 0 && <Descriptions.Item label={t('proactive.hotspot.terms')}>{h.terms.join('、')}</Descriptions.Item>}
          <Descriptions.Item label={t('proactive.hotspot.why')} span={2}><span data-testid="hotspot-why">{name(h.why)}</span></Descriptions.Item>
          {h.dismissedReason && <Descriptions.Item span={2} label="">{t('proactive.hotspot.dismissed', { reason: h.dismissedReason })}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('proactive.hotspot.trend')}>
        <EChart option={option} ariaLabel={t('proactive.hotspot.trend')} data-testid="hotspot-trend" />
      </Card>
      <Card title={t('proactive.hotspot.cases', { n: cases.data?.total ?? 0 })}>
        <Table
          rowKey="id" size="small" loading={cases.loading} dataSource={cases.data?.items ?? []} pagination={{ pageSize: 20 }}
          columns={[
            { title: '#', dataIndex: 'code', render: (code: string, c) => <Link data-testid={`hotspot-case-${c.id}`} to={`/cases/${c.id}`}>{code}</Link> },
            { title: t('proactive.field.title'), dataIndex: 'title' },
            { title: t('proactive.task.status'), dataIndex: 'status' },
            { title: t('proactive.hotspot.week'), dataIndex: 'acceptedAt', render: (v: string) => new Date(v).toLocaleString() },
          ]}
        />
      </Card>
      <Modal
        open={dialog !== null} title={dialog === 'dismiss' ? t('proactive.action.dismiss') : t('proactive.action.task')} confirmLoading={busy}
        onOk={submit} onCancel={() => setDialog(null)} okText={t('proactive.submit')} cancelText={t('proactive.cancel')} destroyOnClose
        okButtonProps={{ 'data-testid': 'hotspot-dialog-submit' } as never}
      >
        {dialog === 'dismiss' ? (
          <Form form={reasonForm} layout="vertical">
            <Form.Item name="reason" label={t('proactive.dismiss.reason')} rules={[{ required: true, whitespace: true, message: t('proactive.required') }]}>
              <Input.TextArea data-testid="dismiss-reason" rows={3} maxLength={1000} />
            </Form.Item>
          </Form>
        ) : dialog === 'task' ? <AssignmentForm form={taskForm} /> : null}
      </Modal>
    </Space>
  );
}

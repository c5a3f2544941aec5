// The yearly plans (年初备案): how many visits each department plans, to whom and why; the department files or changes its own.
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { errorText, hasAnyRole, useI18n, useLoad, useMe } from '../shell';
import { visitsApi, type PlanView } from './api';

interface Values { plannedVisits: number; targets: string; reason: string }

export default function PlansPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe();
  const [year, setYear] = useState(new Date().getFullYear());
  const plans = useLoad((signal) => visitsApi.plans(year, signal), [year]);
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const mayFile = hasAnyRole(me?.roles, ['handler', 'leader']) && !(plans.data?.items ?? []).some((p) => p.officeId === me?.officeId);
  const save = async (v: Values) => {
    try {
      if (editing === 'new') await visitsApi.filePlan({ year, ...v });
      else if (editing) await visitsApi.revisePlan(editing.id, { version: editing.version, ...v });
      message.success(t('visits.saved'));
      setEditing(null);
      plans.reload();
    } catch (err) {
      message.error(errorText(err, t('error.unexpected')));
    }
  };
  const open = (p: PlanView | 'new') => {
    form.setFieldsValue(p === 'new' ? { plannedVisits: 0, targets: '', reason: '' } : p);
    setEditing(p);
  };
  return (
    <Card title={t('visits.plans.title')} extra={<Space>
      <InputNumber value={year} min={2000} max={2999} onChange={(y) => y && setYear(y)} aria-label={t('visits.plans.year')} />
      {mayFile && <Button type="primary" onClick={() => open('new')} data-testid="plan-new">{t('visits.plans.file')}</Button>}
    </Space>}>
      <Typography.Paragraph type="secondary">{t('visits.plans.beyond')}</Typography.Paragraph>
      <Table<PlanView> rowKey="id" size="middle" dataSource={plans.data?.items ?? []} loading={plans.loading} pagination={false} data-testid="plans-table"
        columns={[
          { title: t('visits.field.office'), dataIndex: 'officeName', key: 'office' },
          { title: t('visits.plans.planned'), dataIndex: 'plannedVisits', key: 'planned' },
          { title: t('visits.plans.filed'), dataIndex: 'filed', key: 'filed' },
          { title: t('visits.plans.targets'), dataIndex: 'targets', key: 'targets' },
          { title: t('visits.plans.reason'), dataIndex: 'reason', key: 'reason' },
          { title: '', key: 'edit', render: (_: unknown, p) => p.actions.includes('revise') && <Button size="small" onClick={() => open(p)}>{t('visits.plans.revise')}</Button> },
        ]} />
      <Modal open={editing !== null} title={t('visits.plans.file')} onCancel={() => setEditing(null)} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'plan-save' } as never}>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="plannedVisits" label={t('visits.plans.planned')} rules={[{ required: true }]}><InputNumber min={0} max={100000} data-testid="plan-planned" /></Form.Item>
          <Form.Item name="targets" label={t('visits.plans.targets')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} data-testid="plan-targets" /></Form.Item>
          <Form.Item name="reason" label={t('visits.plans.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} data-testid="plan-reason" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

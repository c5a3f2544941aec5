// One proactive task (主动治理任务): offices, deadline on the working clock, the hotspot and cases
// it came from, progress and supervision notes, the actions open to the viewer, the result and,
// once finished, its effect.
import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useI18n, useLoad, useReportError } from '../shell';
import { proactiveApi, TASK_STATUS_NAMES, type TaskView } from './api';
import { EffectView } from './EffectView';

type Action = TaskView['actions'][number];
const DUE_COLOR = { on_time: 'green', due_soon: 'orange', overdue: 'red' } as const;

export default function TaskPage() {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const report = useReportError();
  const task = useLoad((signal) => proactiveApi.task(id, signal), [id]);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, string>>();
  const x = task.data;
  const name = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);

  const run = async () => {
    if (!x || !action) return;
    setBusy(true);
    try {
      const values = action === 'sign' ? {} : await form.validateFields();
      const body: Record<string, unknown> = action === 'link-cases'
        ? { caseIds: String(values.caseIds).split(/[\s,，、]+/).filter(Boolean).map(Number) }
        : { ...values };
      if (action !== 'add-note' && action !== 'supervise') body.version = x.version;
      task.setData(await proactiveApi.act(x.id, action, body));
      setAction(null);
      form.resetFields();
    } catch (e) {
      if (!(e && typeof e === 'object' && 'errorFields' in e)) report(e);
    } finally {
      setBusy(false);
    }
  };

  if (!x) return <Spin spinning={task.loading} />;
  const required = [{ required: true, whitespace: true, message: t('proactive.required') }];
  const fields: Record<Action, JSX.Element | null> = {
    sign: null,
    'add-note': <Form.Item name="note" label={t('proactive.field.note')} rules={required}><Input.TextArea data-testid="task-note" rows={3} /></Form.Item>,
    supervise: (
      <>
        <Form.Item name="note" label={t('proactive.field.note')} rules={required}><Input.TextArea data-testid="task-note" rows={3} /></Form.Item>
        <Form.Item name="level" label={t('proactive.field.level')} initialValue="normal">
          <Select options={(['normal', 'yellow', 'red'] as const).map((l) => ({ value: l, label: t(`proactive.level.${l}`) }))} />
        </Form.Item>
      </>
    ),
    'link-cases': <Form.Item name="caseIds" label={t('proactive.task.cases')} rules={required}><Input data-testid="task-case-ids" placeholder="12, 15, 18" /></Form.Item>,
    'choose-topic': (
      <Form.Item name="month" label={t('proactive.field.month')} initialValue={new Date().toISOString().slice(0, 7)} rules={[...required, { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'YYYY-MM' }]}>
        <Input data-testid="task-month" />
      </Form.Item>
    ),
    finish: <Form.Item name="result" label={t('proactive.field.result')} rules={required}><Input.TextArea data-testid="task-result" rows={4} /></Form.Item>,
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {x.topicMonth && <Tag color="gold" data-testid="task-topic">{t('proactive.task.topic')} {x.topicMonth}</Tag>}{x.title}
        </Typography.Title>
        <Space wrap>
          <Tag data-testid="task-status" data-status={x.status}>{name(TASK_STATUS_NAMES[x.status])}</Tag>
          {x.actions.map((a) => <Button key={a} data-testid={`task-action-${a}`} onClick={() => setAction(a)}>{t(`proactive.action.${a}`)}</Button>)}
        </Space>
      </Space>
      <Card>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('proactive.field.owner')}>{x.ownerOfficeName}</Descriptions.Item>
          <Descriptions.Item label={t('proactive.field.assisting')}>{x.assistingOffices.map((o) => o.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('proactive.task.due')}>
            {new Date(x.dueAt).toLocaleString()}（{x.limitDays}） <Tag color={DUE_COLOR[x.dueState]} data-testid="task-due" data-state={x.dueState}>{t(`proactive.due.${x.dueState}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('proactive.task.hotspot')}>{x.hotspotId ? <Link to={`/hotspots/${x.hotspotId}`}>#{x.hotspotId}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('proactive.field.description')} span={2}>{x.description}</Descriptions.Item>
          <Descriptions.Item label={t('proactive.task.cases')} span={2}>
            <Space wrap>{x.caseIds.map((c) => <Link key={c} to={`/cases/${c}`}>#{c}</Link>)}</Space>
          </Descriptions.Item>
          {x.result && <Descriptions.Item label={t('proactive.task.result')} span={2}><span data-testid="task-result-text">{x.result}</span></Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('proactive.task.notes')}>
        {x.notes.length === 0 ? <Empty description={t('proactive.task.noNotes')} /> : (
          <Timeline items={x.notes.map((n) => ({
            color: n.action === 'supervise' ? (n.level === 'red' ? 'red' : n.level === 'yellow' ? 'orange' : 'blue') : 'green',
            children: <span data-testid={`task-note-${n.seq}`}>{new Date(n.at).toLocaleString()} {n.officeName ?? ''} {n.actorName}：{n.note}</span>,
          }))} />
        )}
      </Card>
      <Card title={t('proactive.task.effect')}>
        {x.effect ? <EffectView effect={x.effect} /> : <Typography.Text type="secondary">{t('proactive.task.effectNone')}</Typography.Text>}
      </Card>
      <Modal
        open={action !== null} title={action ? t(`proactive.action.${action}`) : ''} confirmLoading={busy} onOk={run}
        onCancel={() => setAction(null)} okText={t('proactive.submit')} cancelText={t('proactive.cancel')} destroyOnClose
        okButtonProps={{ 'data-testid': 'task-dialog-submit' } as never}
      >
        <Form form={form} layout="vertical" preserve={false}>{action ? fields[action] : null}</Form>
      </Modal>
    </Space>
  );
}

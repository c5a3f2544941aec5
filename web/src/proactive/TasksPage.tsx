// The proactive tasks the viewer's offices supervise, own or assist, with a supervisor's or leader's "new task".
import { useState } from 'react';
import { Button, Form, Modal, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { hasAnyRole, useI18n, useLoad, useMe, useReportError } from '../shell';
import { proactiveApi, TASK_STATUS_NAMES, type Assignment, type TaskView } from './api';
import { AssignmentForm } from './AssignmentForm';
import { WATCH_ROLES } from './roles';

export default function TasksPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const report = useReportError();
  const list = useLoad((signal) => proactiveApi.tasks({}, signal), []);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Assignment>();
  const name = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  const create = async () => {
    try {
      const created = await proactiveApi.setTask(await form.validateFields());
      navigate(`/proactive-tasks/${created.id}`);
    } catch (e) {
      if (!(e && typeof e === 'object' && 'errorFields' in e)) report(e);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('proactive.tasks.title')}</Typography.Title>
        {hasAnyRole(me.roles, WATCH_ROLES) && <Button type="primary" data-testid="tasks-new" onClick={() => setOpen(true)}>{t('proactive.tasks.new')}</Button>}
      </Space>
      <Table<TaskView>
        rowKey="id" loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: t('proactive.tasks.empty') }}
        columns={[
          { title: t('proactive.field.title'), dataIndex: 'title', render: (v: string, x) => <Link data-testid={`task-link-${x.id}`} to={`/proactive-tasks/${x.id}`}>{v}</Link> },
          { title: t('proactive.field.owner'), dataIndex: 'ownerOfficeName' },
          { title: t('proactive.task.status'), dataIndex: 'status', render: (s: TaskView['status']) => name(TASK_STATUS_NAMES[s]) },
          { title: t('proactive.task.due'), dataIndex: 'dueAt', render: (v: string, x) => <Space>{new Date(v).toLocaleDateString()}{x.dueState !== 'on_time' && <Tag color={x.dueState === 'overdue' ? 'red' : 'orange'}>{t(`proactive.due.${x.dueState}`)}</Tag>}</Space> },
          { title: t('proactive.task.topic'), dataIndex: 'topicMonth', render: (v: string | null) => (v ? <Tag color="gold">{v}</Tag> : null) },
        ]}
      />
      <Modal open={open} title={t('proactive.tasks.new')} onOk={create} onCancel={() => setOpen(false)} okText={t('proactive.submit')} cancelText={t('proactive.cancel')} destroyOnClose>
        <AssignmentForm form={form} />
      </Modal>
    </Space>
  );
}

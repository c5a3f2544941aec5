// The supervision board (督办): due-soon and overdue cases with counts, the record of cases that
// were ever overdue, unsatisfied return visits to reopen; supervision notices and leaders' instructions.
import { useState } from 'react';
import { Button, Card, Col, Row, Space, Statistic, Table, Tabs } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n, useLoad } from '../shell';
import { byUrgency, casesApi, needsReopenDecision, type CaseAction, type CaseView } from './api';
import { CaseActionDialog } from './CaseActionDialog';
import { rowTestId, useCaseColumns, type CaseColumn } from './columns';

type TabKey = 'overdue' | 'dueSoon' | 'everOverdue' | 'unsatisfied';

export default function SupervisionPage() {
  const { t } = useI18n();
  const cols = useCaseColumns();
  const [tab, setTab] = useState<TabKey>('overdue');
  const [everPage, setEverPage] = useState(1);
  const [dialog, setDialog] = useState<{ target: CaseView; action: CaseAction } | null>(null);
  const overdue = useLoad((signal) => casesApi.list({ dueState: 'overdue', pageSize: 100 }, signal), []);
  const dueSoon = useLoad((signal) => casesApi.list({ dueState: 'due_soon', pageSize: 100 }, signal), []);
  const ever = useLoad((signal) => casesApi.list({ overdueOnly: true, page: everPage, pageSize: 20 }, signal), [everPage]);
  // No server filter for the visit's satisfaction: reviewed and closed cases are read and filtered here.
  const visited = useLoad((signal) => casesApi.list({ status: ['reviewed', 'closed'], pageSize: 100 }, signal), []);
  const unsatisfied = (visited.data?.items ?? []).filter(needsReopenDecision);

  const reloadAll = () => {
    overdue.reload();
    dueSoon.reload();
    ever.reload();
    visited.reload();
  };

  const button = (c: CaseView, action: CaseAction, testId: string, primary = false) =>
    c.actions.includes(action) && (
      <Button key={action} size="small" type={primary ? 'primary' : 'default'} danger={action === 'reopen'} onClick={() => setDialog({ target: c, action })} data-testid={testId}>
        {t(`cases.action.${action}`)}
      </Button>
    );

  const actions: CaseColumn = {
    title: t('common.actions'),
    key: 'actions',
    render: (_: unknown, c) => (
      <Space wrap size={4}>
        {button(c, 'supervise', `supervise-${c.id}`, true)}
        {button(c, 'instruct', `instruct-${c.id}`)}
        {needsReopenDecision(c) && button(c, 'reopen', `reopen-${c.id}`)}
        {needsReopenDecision(c) && c.status === 'reviewed' && button(c, 'close', `supervision-close-${c.id}`)}
        {c.pendingExtension && button(c, 'decide-extension', `supervision-extension-${c.id}`)}
      </Space>
    ),
  };

  const visit: CaseColumn = {
    title: t('cases.field.visit'),
    key: 'visit',
    render: (_: unknown, c) =>
      c.visit ? `${c.visit.satisfaction ? t(`cases.satisfaction.${c.visit.satisfaction}`) : t(`cases.contact.${c.visit.contact}`)}${c.visit.note ? ` · ${c.visit.note}` : ''}` : '—',
  };

  const openColumns = [cols.code, cols.title, cols.status, cols.deadline, cols.lead, actions];
  const table = (data: CaseView[], loading: boolean, columns: CaseColumn[], pagination?: object) => (
    <Table<CaseView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={loading}
      onRow={rowTestId('supervision-row')}
      data-testid="supervision-table"
      pagination={pagination ?? { pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
    />
  );

  const stat = (key: TabKey, title: string, value: number | undefined, color: string) => (
    <Col xs={12} md={6}>
      <Card hoverable size="small" onClick={() => setTab(key)} data-testid={`supervision-count-${key}`} style={tab === key ? { borderColor: color } : undefined}>
        <Statistic title={title} value={value ?? 0} valueStyle={{ color }} />
      </Card>
    </Col>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {stat('overdue', t('cases.supervision.overdue'), overdue.data?.total, '#cf1322')}
        {stat('dueSoon', t('cases.supervision.dueSoon'), dueSoon.data?.total, '#d46b08')}
        {stat('everOverdue', t('cases.supervision.everOverdue'), ever.data?.total, '#595959')}
        {stat('unsatisfied', t('cases.supervision.unsatisfied'), unsatisfied.length, '#c41d7f')}
      </Row>
      <Card title={t('cases.supervision.title')} extra={<Button icon={<ReloadOutlined />} onClick={reloadAll} aria-label={t('common.reload')} />}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as TabKey)}
          items={[
            { key: 'overdue', label: t('cases.supervision.overdue'), children: table([...(overdue.data?.items ?? [])].sort(byUrgency), overdue.loading, openColumns) },
            { key: 'dueSoon', label: t('cases.supervision.dueSoon'), children: table([...(dueSoon.data?.items ?? [])].sort(byUrgency), dueSoon.loading, openColumns) },
            {
              key: 'everOverdue',
              label: t('cases.supervision.everOverdue'),
              children: table(ever.data?.items ?? [], ever.loading, openColumns, {
                current: everPage, pageSize: 20, total: ever.data?.total ?? 0, onChange: setEverPage, hideOnSinglePage: true,
              }),
            },
            { key: 'unsatisfied', label: t('cases.supervision.unsatisfied'), children: table(unsatisfied, visited.loading, [cols.code, cols.title, cols.status, cols.lead, visit, actions]) },
          ]}
        />
      </Card>
      <CaseActionDialog
        target={dialog?.target ?? null}
        action={dialog?.action ?? null}
        onClose={() => setDialog(null)}
        onDone={reloadAll}
        onStale={reloadAll}
      />
    </Space>
  );
}

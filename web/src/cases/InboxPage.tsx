// The handler's inbox (待办): cases dispatched to the office (to sign) and being handled, most
// urgent first, with the time left in office time and the handler's actions.
import { useState } from 'react';
import { App, Button, Card, Space, Table, Tabs, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { isStale, useI18n, useLoad, useReportError } from '../shell';
import { byUrgency, casesApi, type CaseAction, type CaseView } from './api';
import { CaseActionDialog } from './CaseActionDialog';
import { rowTestId, useCaseColumns, type CaseColumn } from './columns';

export default function InboxPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const cols = useCaseColumns();
  const [tab, setTab] = useState('sign');
  const [dialog, setDialog] = useState<{ target: CaseView; action: CaseAction } | null>(null);
  const [signing, setSigning] = useState<number | null>(null);
  const toSign = useLoad((signal) => casesApi.list({ status: ['dispatched'], pageSize: 100 }, signal), []);
  const handling = useLoad((signal) => casesApi.list({ status: ['handling'], pageSize: 100 }, signal), []);

  const reloadAll = () => {
    toSign.reload();
    handling.reload();
  };

  const sign = async (c: CaseView) => {
    setSigning(c.id);
    try {
      await casesApi.act(c.id, 'sign', c.version, {});
      message.success(t('cases.inbox.signed'));
      reloadAll();
    } catch (e) {
      if (isStale(e)) {
        message.warning(t('cases.stale'));
        reloadAll();
      } else reportError(e);
    } finally {
      setSigning(null);
    }
  };

  const button = (c: CaseView, action: CaseAction, testId: string, primary = false) =>
    c.actions.includes(action) && (
      <Button key={action} size="small" type={primary ? 'primary' : 'default'} onClick={() => setDialog({ target: c, action })} data-testid={testId}>
        {t(`cases.action.${action}`)}
      </Button>
    );

  const actions: CaseColumn = {
    title: t('common.actions'),
    key: 'actions',
    render: (_: unknown, c) => (
      <Space wrap size={4}>
        {c.actions.includes('sign') && (
          <Button type="primary" size="small" loading={signing === c.id} onClick={() => void sign(c)} data-testid={`inbox-sign-${c.id}`}>
            {t('cases.action.sign')}
          </Button>
        )}
        {button(c, 'reply', `inbox-reply-${c.id}`, true)}
        {!c.pendingExtension && button(c, 'request-extension', `inbox-extend-${c.id}`)}
        {c.status === 'handling' && (c.clockPaused ? button(c, 'resume-clock', `inbox-resume-${c.id}`) : button(c, 'pause-clock', `inbox-pause-${c.id}`))}
        {button(c, 'return', `inbox-return-${c.id}`)}
      </Space>
    ),
  };

  const extra: CaseColumn = {
    title: '',
    key: 'flags',
    render: (_: unknown, c) => (
      <Space size={4} wrap>
        {c.pendingExtension && <Tag color="orange">{t('cases.field.pendingExtension')}</Tag>}
        {!!c.returnCount && <Tag>{t('cases.dispatch.returned', { n: c.returnCount })}</Tag>}
      </Space>
    ),
  };

  const columns = [cols.code, cols.title, cols.type, cols.deadline, extra, cols.acceptedAt, actions];
  const table = (data: CaseView[] | undefined, loading: boolean) => (
    <Table<CaseView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={[...(data ?? [])].sort(byUrgency)}
      loading={loading}
      onRow={rowTestId('inbox-row')}
      data-testid="inbox-table"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
    />
  );

  return (
    <Card title={t('cases.inbox.title')} extra={<Button icon={<ReloadOutlined />} onClick={reloadAll} aria-label={t('common.reload')} />}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'sign',
            label: <span data-testid="inbox-tab-sign">{`${t('cases.inbox.tab.sign')} (${toSign.data?.total ?? 0})`}</span>,
            children: table(toSign.data?.items, toSign.loading),
          },
          {
            key: 'handling',
            label: <span data-testid="inbox-tab-handling">{`${t('cases.inbox.tab.handling')} (${handling.data?.total ?? 0})`}</span>,
            children: table(handling.data?.items, handling.loading),
          },
        ]}
      />
      <CaseActionDialog
        target={dialog?.target ?? null}
        action={dialog?.action ?? null}
        submitTestId={dialog?.action === 'reply' ? 'reply-submit' : 'case-action-submit'}
        onClose={() => setDialog(null)}
        onDone={reloadAll}
        onStale={reloadAll}
      />
    </Card>
  );
}

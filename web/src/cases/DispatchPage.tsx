// The dispatcher's desk (派单): accepted cases to dispatch (returned ones with the reason), pending
// extension requests to decide, replies to review, and out-of-scope closing.
import { useState } from 'react';
import { Badge, Button, Card, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useI18n, useLoad } from '../shell';
import { casesApi, lastEventOf, type CaseAction, type CaseView } from './api';
import { CaseActionDialog } from './CaseActionDialog';
import { rowTestId, useCaseColumns, type CaseColumn } from './columns';
import { useCategories } from './reference';

/** The reason of the last return (退单), read from the case's timeline. */
function LastReturn({ caseId, count }: { caseId: number; count: number }) {
  const { t } = useI18n();
  const timeline = useLoad((signal) => casesApi.timeline(caseId, signal), [caseId, count], false);
  const last = timeline.data?.audience === 'staff' ? lastEventOf(timeline.data.items, 'return') : undefined;
  const reason = typeof last?.data.reason === 'string' ? last.data.reason : null;
  return (
    <Space direction="vertical" size={0} data-testid={`dispatch-returned-${caseId}`}>
      <Tag color="red">{t('cases.dispatch.returned', { n: count })}</Tag>
      {reason && (
        <Tooltip title={`${t('cases.field.lastReturn')}：${reason}`}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: false }}>
            {last?.actorName}：{reason}
          </Typography.Text>
        </Tooltip>
      )}
    </Space>
  );
}

interface Dialog {
  target: CaseView;
  action: CaseAction;
  preset?: Record<string, unknown>;
}

export default function DispatchPage() {
  const { t } = useI18n();
  const cols = useCaseColumns();
  const categories = useCategories();
  const [page, setPage] = useState(1);
  const [tab, setTab] = useState('accepted');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const accepted = useLoad((signal) => casesApi.list({ status: ['accepted'], page, pageSize: 20 }, signal), [page]);
  // No server filter for "has a pending extension": the open cases are read and filtered here.
  const open = useLoad((signal) => casesApi.list({ status: ['dispatched', 'handling'], pageSize: 100 }, signal), []);
  const replied = useLoad((signal) => casesApi.list({ status: ['replied'], pageSize: 100 }, signal), []);
  const extensions = (open.data?.items ?? []).filter((c) => c.pendingExtension && c.actions.includes('decide-extension'));
  const reviews = replied.data?.items ?? [];

  const reloadAll = () => {
    accepted.reload();
    open.reload();
    replied.reload();
  };

  const act = (target: CaseView, action: CaseAction, preset?: Record<string, unknown>) => setDialog({ target, action, preset });

  const category: CaseColumn = {
    title: t('cases.field.category'),
    key: 'category',
    render: (_: unknown, c) => categories.path(c.categoryId) ?? '—',
  };

  const acceptedColumns: CaseColumn[] = [
    cols.code,
    cols.title,
    cols.type,
    category,
    { title: t('cases.field.region'), dataIndex: 'regionCode', key: 'region', width: 90, render: (v: string | null) => v ?? '—' },
    cols.acceptedAt,
    {
      title: t('cases.field.returnCount'),
      key: 'returns',
      render: (_: unknown, c) => (c.returnCount ? <LastReturn caseId={c.id} count={c.returnCount} /> : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_: unknown, c) => (
        <Space wrap>
          {c.actions.includes('dispatch') && (
            <Button type="primary" size="small" onClick={() => act(c, 'dispatch')} data-testid={`dispatch-open-${c.id}`}>
              {t('cases.dispatch.open')}
            </Button>
          )}
          {c.actions.includes('close') && (
            <Button size="small" onClick={() => act(c, 'close')} data-testid={`dispatch-close-${c.id}`}>
              {t('cases.dispatch.closeOut')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const extensionColumns: CaseColumn[] = [
    cols.code,
    cols.title,
    cols.lead,
    cols.deadline,
    {
      title: t('cases.field.pendingExtension'),
      key: 'pending',
      render: (_: unknown, c) =>
        c.pendingExtension && t('cases.form.pendingExtension', { by: c.pendingExtension.requestedBy, days: c.pendingExtension.days, reason: c.pendingExtension.reason }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_: unknown, c) => (
        <Space>
          <Button type="primary" size="small" onClick={() => act(c, 'decide-extension', { approve: true })} data-testid={`extension-approve-${c.id}`}>
            {t('cases.dispatch.approve')}
          </Button>
          <Button size="small" onClick={() => act(c, 'decide-extension', { approve: false })} data-testid={`extension-refuse-${c.id}`}>
            {t('cases.dispatch.refuse')}
          </Button>
        </Space>
      ),
    },
  ];

  const reviewColumns: CaseColumn[] = [
    cols.code,
    cols.title,
    cols.lead,
    {
      title: t('cases.field.reply'),
      dataIndex: 'reply',
      key: 'reply',
      render: (v: string | null) => (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '…' }} style={{ marginBottom: 0, maxWidth: 420 }}>
          {v ?? '—'}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_: unknown, c) =>
        c.actions.includes('review') && (
          <Space>
            <Button type="primary" size="small" onClick={() => act(c, 'review', { decision: 'accept' })} data-testid={`review-accept-${c.id}`}>
              {t('cases.dispatch.accept')}
            </Button>
            <Button size="small" danger onClick={() => act(c, 'review', { decision: 'send_back' })} data-testid={`review-send-back-${c.id}`}>
              {t('cases.dispatch.sendBack')}
            </Button>
          </Space>
        ),
    },
  ];

  const label = (text: string, n: number | undefined) => (
    <Space size={6}>
      {text}
      <Badge count={n ?? 0} showZero={false} overflowCount={999} />
    </Space>
  );

  return (
    <Card
      title={t('cases.dispatch.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={reloadAll} aria-label={t('common.reload')} data-testid="dispatch-reload" />}
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'accepted',
            label: <span data-testid="dispatch-tab-accepted">{label(t('cases.dispatch.tab.accepted'), accepted.data?.total)}</span>,
            children: (
              <Table<CaseView>
                rowKey="id"
                size="middle"
                columns={acceptedColumns}
                dataSource={accepted.data?.items ?? []}
                loading={accepted.loading}
                onRow={rowTestId('dispatch-row')}
                data-testid="dispatch-table"
                locale={{ emptyText: t('cases.dispatch.empty') }}
                pagination={{ current: page, pageSize: 20, total: accepted.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
              />
            ),
          },
          {
            key: 'extensions',
            label: <span data-testid="dispatch-tab-extensions">{label(t('cases.dispatch.tab.extensions'), extensions.length)}</span>,
            children: (
              <Table<CaseView>
                rowKey="id"
                size="middle"
                columns={extensionColumns}
                dataSource={extensions}
                loading={open.loading}
                onRow={rowTestId('extension-row')}
                data-testid="extension-table"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
              />
            ),
          },
          {
            key: 'review',
            label: <span data-testid="dispatch-tab-review">{label(t('cases.dispatch.tab.review'), replied.data?.total)}</span>,
            children: (
              <Table<CaseView>
                rowKey="id"
                size="middle"
                columns={reviewColumns}
                dataSource={reviews}
                loading={replied.loading}
                onRow={rowTestId('review-row')}
                data-testid="review-table"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
              />
            ),
          },
        ]}
      />
      <CaseActionDialog
        target={dialog?.target ?? null}
        action={dialog?.action ?? null}
        preset={dialog?.preset}
        submitTestId={dialog?.action === 'dispatch' ? 'dispatch-submit' : 'case-action-submit'}
        onClose={() => setDialog(null)}
        onDone={reloadAll}
        onStale={reloadAll}
      />
    </Card>
  );
}

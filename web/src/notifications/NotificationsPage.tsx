// The person's notices, newest first: all or only unread, each marked read on its own or all at
// once; a notice about a work item opens that item's page (the module that shows the item type
// says where: AppModule.itemPages).
import { useState } from 'react';
import dayjs from 'dayjs';
import { Badge, Button, Card, List, Segmented, Space, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { itemPath, useI18n, useLoad, useMe, useRegistry, useReportError } from '../shell';
import { announceInboxChange, notificationsApi, type InboxItem } from './api';

const PAGE_SIZE = 20;

export default function NotificationsPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { itemPages } = useRegistry();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const inbox = useLoad((signal) => notificationsApi.list({ unread: unreadOnly, page, pageSize: PAGE_SIZE }, signal), [unreadOnly, page, lang]);

  const changed = () => {
    inbox.reload();
    announceInboxChange();
  };
  const markRead = async (n: InboxItem) => {
    try {
      await notificationsApi.markRead(n.id);
      changed();
    } catch (e) {
      reportError(e);
    }
  };
  const markAll = async () => {
    try {
      await notificationsApi.markAllRead();
      changed();
    } catch (e) {
      reportError(e);
    }
  };
  const target = (n: InboxItem) => itemPath(itemPages, n.subject, me.roles) ?? n.link;
  const open = async (n: InboxItem, to: string) => {
    if (!n.readAt) await notificationsApi.markRead(n.id).then(announceInboxChange, () => undefined);
    navigate(to);
  };

  return (
    <Card
      title={t('notifications.title')}
      extra={
        <Space>
          <Button icon={<CheckOutlined />} onClick={() => void markAll()} disabled={!inbox.data?.unread} data-testid="notifications-read-all">
            {t('notifications.readAll')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={inbox.reload} aria-label={t('common.reload')} />
        </Space>
      }
    >
      <Segmented
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => {
          setUnreadOnly(v === 'unread');
          setPage(1);
        }}
        options={[
          { value: 'all', label: t('notifications.all') },
          { value: 'unread', label: <span data-testid="notifications-unread-only">{t('notifications.unread', { n: inbox.data?.unread ?? 0 })}</span> },
        ]}
        style={{ marginBottom: 12 }}
      />
      <List<InboxItem>
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: t('notifications.empty') }}
        data-testid="notifications-list"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: inbox.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        renderItem={(n) => {
          const to = target(n);
          const title = <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>;
          return (
            <List.Item
              data-testid={`notification-${n.id}`}
              data-read={n.readAt ? 'true' : 'false'}
              actions={n.readAt ? [] : [
                <Button key="read" size="small" type="link" onClick={() => void markRead(n)} data-testid={`notification-read-${n.id}`}>
                  {t('notifications.markRead')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
                title={to ? <a href={to} onClick={(e) => { e.preventDefault(); void open(n, to); }} data-testid={`notification-open-${n.id}`}>{title}</a> : title}
                description={
                  <Space direction="vertical" size={0}>
                    <span>{n.body}</span>
                    <Typography.Text type="secondary">{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

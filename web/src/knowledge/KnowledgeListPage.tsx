// The knowledge base for staff (知识库管理): search (Chinese words), filter by status and office,
// the use counts; editors write new articles. Drafts and archived articles show only to editors
// whose scope holds their office (the server decides).
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { hasAnyRole, useI18n, useLoad, useMe } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import { ARTICLE_STATUSES, knowledgeApi, STATUS_COLORS, type ArticleHit, type ArticleStatus } from './api';
import { EDIT_ROLES } from './roles';

const PAGE_SIZE = 20;

export default function KnowledgeListPage() {
  const { t } = useI18n();
  const editor = hasAnyRole(useMe().roles, EDIT_ROLES);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ArticleStatus | undefined>(undefined);
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const list = useLoad((signal) => knowledgeApi.list({ q: q || undefined, status, officeId: officeId ?? undefined, page, pageSize: PAGE_SIZE }, signal), [q, status, officeId, page]);

  return (
    <Card title={t('knowledge.title')} data-testid="knowledge-list"
      extra={editor && <Link to="/knowledge/new"><Button type="primary" icon={<PlusOutlined />} data-testid="knowledge-new">{t('knowledge.new')}</Button></Link>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('knowledge.search')} style={{ width: 280 }} data-testid="knowledge-search"
          onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
        {editor && (
          <Select allowClear placeholder={t('knowledge.field.status')} style={{ width: 140 }} value={status} data-testid="knowledge-status-filter"
            onChange={(v?: ArticleStatus) => { setStatus(v); setPage(1); }}
            options={ARTICLE_STATUSES.map((s) => ({ value: s, label: t(`knowledge.status.${s}`) }))} />
        )}
        <OfficeTreeSelect offices={offices.data ?? []} loading={offices.loading} value={officeId} placeholder={t('knowledge.field.office')} style={{ width: 260 }}
          onChange={(v) => { setOfficeId(v); setPage(1); }} />
      </Space>
      <Table<ArticleHit> rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 'max-content' }} data-testid="knowledge-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('knowledge.total', { n }) }}
        columns={[
          { title: t('knowledge.field.title'), key: 'title', render: (_, a) => <Link to={`/knowledge/${a.id}`} data-testid={`knowledge-row-${a.id}`}>{a.title}</Link> },
          { title: t('knowledge.field.category'), dataIndex: 'category', key: 'category' },
          { title: t('knowledge.field.office'), dataIndex: 'officeName', key: 'office' },
          {
            title: t('knowledge.field.status'), key: 'status',
            render: (_, a) => (
              <Space size={4}>
                <Tag color={STATUS_COLORS[a.status]} data-testid={`knowledge-status-${a.id}`}>{t(`knowledge.status.${a.status}`)}</Tag>
                {a.status === 'published' && !a.effective && <Tag>{t('knowledge.notInForce')}</Tag>}
              </Space>
            ),
          },
          { title: t('knowledge.field.useCount'), dataIndex: 'useCount', key: 'useCount', align: 'right' },
          { title: t('knowledge.field.updatedAt'), key: 'updatedAt', render: (_, a) => <Typography.Text type="secondary">{dayjs(a.updatedAt).format('YYYY-MM-DD HH:mm')} · {a.updatedByName}</Typography.Text> },
        ]} />
    </Card>
  );
}

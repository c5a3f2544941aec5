// The policy library (staff): search, status, paging; figures of pushes and grants with their workbook.
import { useState } from 'react';
import { Button, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { hasAnyRole, useI18n, useLoad, useMe } from '../shell';
import { figuresXlsxUrl, POLICY_STATUS_NAMES, policiesApi, type FigureGrouping, type PolicyFigures, type PolicyView } from './api';
import { nameIn } from './names';

const PAGE_SIZE = 20;
const STATUS_COLORS = { draft: 'default', published: 'green', retired: 'red' } as const;

function Figures() {
  const { t } = useI18n();
  const [by, setBy] = useState<FigureGrouping>('policy');
  const figures = useLoad((signal) => policiesApi.figures(by, signal), [by]);
  const columns: TableColumnsType<PolicyFigures['rows'][number]> = [
    { title: t(`policies.figures.by.${by}`), dataIndex: 'name', key: 'name' },
    ...(['pushed', 'read', 'applied', 'granted', 'declined', 'amount'] as const).map((k) => ({ title: t(`policies.col.${k}`), dataIndex: k, key: k })),
  ];
  return (
    <Card title={t('policies.figures')} style={{ marginTop: 16 }} extra={<Button icon={<DownloadOutlined />} href={figuresXlsxUrl(by)}>{t('policies.figures.export')}</Button>}>
      <Segmented value={by} onChange={(v) => setBy(v as FigureGrouping)} style={{ marginBottom: 12 }}
        options={(['policy', 'region', 'industry'] as const).map((v) => ({ value: v, label: t(`policies.figures.by.${v}`) }))} />
      <Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={figures.data?.rows ?? []} loading={figures.loading} data-testid="policy-figures" />
    </Card>
  );
}

export default function PoliciesPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => policiesApi.list({ q: q || undefined, page }, signal), [q, page]);
  const columns: TableColumnsType<PolicyView> = [
    { title: t('policies.field.title'), key: 'title', render: (_: unknown, p) => <Link to={`/policies/${p.id}`} data-testid={`policy-link-${p.id}`}>{p.title}</Link> },
    { title: t('policies.field.documentNumber'), dataIndex: 'documentNumber', key: 'doc' },
    { title: t('policies.field.issuingBody'), dataIndex: 'issuingBody', key: 'body' },
    { title: t('policies.field.validFrom'), key: 'valid', render: (_: unknown, p) => `${p.validFrom} — ${p.validTo ?? ''}` },
    { title: t('policies.field.status'), key: 'status', render: (_: unknown, p) => <Tag color={STATUS_COLORS[p.status]}>{nameIn(lang, POLICY_STATUS_NAMES[p.status])}</Tag> },
    { title: '', key: 'matches', render: (_: unknown, p) => (p.status === 'draft' ? null : <Link to={`/policies/${p.id}/matches`}>{t('policies.matches')}</Link>) },
  ];
  return (
    <>
      <Card title={t('policies.title')} extra={hasAnyRole(me?.roles, ['admin', 'leader']) && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/policies/new')} data-testid="policy-new">{t('policies.new')}</Button>
      )}>
        <Space style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('policies.search')} aria-label={t('policies.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 300 }} />
        </Space>
        <Table<PolicyView> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} data-testid="policies-table"
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showTotal: (n) => t('policies.total', { n }), showSizeChanger: false, onChange: setPage }} />
      </Card>
      <Figures />
    </>
  );
}

// The registry (企业库): search, filters, paging; new, import and export for administrators.
import { useMemo, useState } from 'react';
import { Button, Card, Input, Select, Space, Switch, Table, Tag, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { hasAnyRole, useI18n, useLoad, useMe } from '../shell';
import { RegionSelect } from '../regions';
import {
  CREDIT_NAMES, CREDIT_STANDINGS, ENTERPRISE_KIND_NAMES, ENTERPRISE_KINDS, ENTERPRISE_SIZE_NAMES, ENTERPRISE_SIZES, enterprisesApi, exportUrl,
  type CreditStanding, type EnterpriseFilter, type EnterpriseKind, type EnterpriseSize, type EnterpriseView,
} from './api';
import { industryText, industryTree, nameIn } from './names';
import { EnterpriseFormDialog } from './EnterpriseFormDialog';
import { CreditTag } from './CreditTag';

const PAGE_SIZE = 20;

export default function EnterprisesListPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const isAdmin = hasAnyRole(me?.roles, ['admin']);
  const [q, setQ] = useState('');
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [industry, setIndustry] = useState<string | undefined>();
  const [size, setSize] = useState<EnterpriseSize | undefined>();
  const [kind, setKind] = useState<EnterpriseKind | undefined>();
  const [credit, setCredit] = useState<CreditStanding | undefined>();
  const [keyOnly, setKeyOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);

  const filter: EnterpriseFilter = useMemo(() => ({
    q: q || undefined, regionCode: regionCode ?? undefined, industry, size, kind, credit, keyEnterprise: keyOnly || undefined, page, pageSize: PAGE_SIZE,
  }), [q, regionCode, industry, size, kind, credit, keyOnly, page]);
  const list = useLoad((signal) => enterprisesApi.list(filter, signal), [filter]);
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const options = <T extends string>(codes: readonly T[], names: Record<T, { zh: string; en: string }>) => codes.map((c) => ({ value: c, label: nameIn(lang, names[c]) }));

  const columns: TableColumnsType<EnterpriseView> = [
    {
      title: t('enterprises.field.name'), key: 'name',
      render: (_: unknown, e) => (
        <Space size={4}>
          <Link to={`/enterprises/${e.uscc}`} data-testid={`enterprise-link-${e.uscc}`}>{e.name}</Link>
          {e.keyEnterprise && <Tag color="gold">{t('enterprises.field.keyEnterprise')}</Tag>}
        </Space>
      ),
    },
    { title: t('enterprises.field.uscc'), dataIndex: 'uscc', key: 'uscc' },
    { title: t('enterprises.field.kind'), key: 'kind', render: (_: unknown, e) => nameIn(lang, ENTERPRISE_KIND_NAMES[e.kind]) },
    { title: t('enterprises.field.region'), dataIndex: 'regionName', key: 'region' },
    { title: t('enterprises.field.industry'), key: 'industry', render: (_: unknown, e) => industryText(e.industryDivision, e.industrySection) },
    { title: t('enterprises.field.size'), key: 'size', render: (_: unknown, e) => (e.size ? nameIn(lang, ENTERPRISE_SIZE_NAMES[e.size]) : '—') },
    { title: t('enterprises.field.credit'), key: 'credit', render: (_: unknown, e) => <CreditTag credit={e.credit} /> },
  ];

  return (
    <Card
      title={t('enterprises.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.reload')} />
          <Button icon={<DownloadOutlined />} href={exportUrl(filter)} data-testid="enterprises-export">{t('enterprises.export')}</Button>
          {isAdmin && <Button icon={<UploadOutlined />} onClick={() => navigate('/enterprises/import')} data-testid="enterprises-import">{t('enterprises.import')}</Button>}
          {isAdmin && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enterprise-new">{t('enterprises.new')}</Button>}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('enterprises.search')} aria-label={t('enterprises.search')} onSearch={(v) => reset(setQ)(v.trim())} style={{ width: 280 }} data-testid="enterprises-search" />
        <div style={{ width: 220 }}>
          <RegionSelect value={regionCode} onChange={(c) => reset(setRegionCode)(c)} placeholder={t('enterprises.field.region')} aria-label={t('enterprises.field.region')} data-testid="enterprises-filter-region" />
        </div>
        <TreeSelect allowClear showSearch treeNodeFilterProp="title" placeholder={t('enterprises.field.industry')} aria-label={t('enterprises.field.industry')} value={industry}
          onChange={reset(setIndustry)} treeData={industryTree()} style={{ width: 260 }} data-testid="enterprises-filter-industry" />
        <Select allowClear placeholder={t('enterprises.field.size')} aria-label={t('enterprises.field.size')} value={size} onChange={reset(setSize)} options={options(ENTERPRISE_SIZES, ENTERPRISE_SIZE_NAMES)} style={{ width: 110 }} data-testid="enterprises-filter-size" />
        <Select allowClear placeholder={t('enterprises.field.kind')} aria-label={t('enterprises.field.kind')} value={kind} onChange={reset(setKind)} options={options(ENTERPRISE_KINDS, ENTERPRISE_KIND_NAMES)} style={{ width: 170 }} data-testid="enterprises-filter-kind" />
        <Select allowClear placeholder={t('enterprises.field.credit')} aria-label={t('enterprises.field.credit')} value={credit} onChange={reset(setCredit)} options={options(CREDIT_STANDINGS, CREDIT_NAMES)} style={{ width: 110 }} data-testid="enterprises-filter-credit" />
        <Space size={4}>
          <Switch checked={keyOnly} onChange={reset(setKeyOnly)} aria-label={t('enterprises.filter.key')} data-testid="enterprises-filter-key" />
          {t('enterprises.filter.key')}
        </Space>
      </Space>
      <Table<EnterpriseView>
        rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} data-testid="enterprises-table"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showTotal: (n) => t('enterprises.total', { n }), showSizeChanger: false, onChange: setPage }}
        scroll={{ x: 'max-content' }}
      />
      {creating && (
        <EnterpriseFormDialog onClose={() => setCreating(false)} onSaved={(e) => navigate(`/enterprises/${e.uscc}`)} />
      )}
    </Card>
  );
}

// The visits a person may read: the department's filings and its approval queue, the business-environment
// office's region, an enterprise's own (with the box to paste a visit code on arrival).
import { useMemo, useState } from 'react';
import { Button, Card, Input, Segmented, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { hasAnyRole, useI18n, useLoad, useMe } from '../shell';
import { codeFrom, nameIn, VISIT_KIND_NAMES, visitsApi, type VisitView } from './api';

const STATUS_COLORS: Record<string, string> = { filed: 'blue', escalating: 'orange', approved: 'geekblue', visited: 'green', rated: 'cyan', refused: 'red', revoked: 'red', cancelled: 'default' };
const VIEWS = ['all', 'queue', 'unscanned', 'late_filing', 'escalated'] as const;
const DRILL_KEYS = ['officeId', 'month', 'monthFrom', 'monthTo', 'status', 'flag'] as const;

export default function VisitsListPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const isEnterprise = hasAnyRole(me?.roles, ['enterprise']);
  const [view, setView] = useState<(typeof VIEWS)[number]>('all');
  const [page, setPage] = useState(1);
  const query = useMemo(() => ({
    page, pageSize: 20,
    // A figure's drill-down (入企统计, the evaluation dashboard) narrows the list to what it counted.
    ...Object.fromEntries(DRILL_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))),
    ...(view === 'queue' ? { status: 'filed,escalating' } : view === 'all' ? {} : { flag: view }),
  }), [view, page, params]);
  const list = useLoad((signal) => visitsApi.list(query, signal), [query]);
  const columns: TableColumnsType<VisitView> = [
    { title: t('visits.field.plannedDate'), key: 'date', render: (_: unknown, v) => <Link to={`/visits/${v.id}`} data-testid={`visit-link-${v.id}`}>{v.plannedDate}</Link> },
    { title: t('visits.field.enterprise'), dataIndex: 'enterpriseName', key: 'enterprise' },
    { title: t('visits.field.office'), dataIndex: 'officeName', key: 'office' },
    { title: t('visits.field.kind'), key: 'kind', render: (_: unknown, v) => nameIn(lang, VISIT_KIND_NAMES[v.kind]) },
    { title: t('visits.field.purpose'), dataIndex: 'purpose', key: 'purpose' },
    {
      title: t('visits.field.status'), key: 'status',
      render: (_: unknown, v) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLORS[v.status]}>{nameIn(lang, v.statusName)}</Tag>
          {!v.inServiceWeek && <Tag color="orange">{t('visits.flag.escalated')}</Tag>}
          {v.unscanned && <Tag color="red">{t('visits.flag.unscanned')}</Tag>}
          {v.filingLate && <Tag color="red">{t('visits.flag.late_filing')}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <Card title={t('visits.title')} extra={!isEnterprise && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/visits/new')} data-testid="visit-new">{t('visits.new')}</Button>}>
      {isEnterprise && (
        <Card size="small" title={t('visits.scan.title')} style={{ marginBottom: 16 }}>
          <Input.Search enterButton={t('visits.scan.open')} placeholder={t('visits.scan.paste')} aria-label={t('visits.scan.paste')} data-testid="visit-code-paste"
            onSearch={(text) => text.trim() && navigate(`/public/visit-codes/${encodeURIComponent(codeFrom(text))}`)} />
        </Card>
      )}
      {!isEnterprise && (
        <Segmented style={{ marginBottom: 16 }} value={view} onChange={(v) => { setView(v as typeof view); setPage(1); }} data-testid="visits-view"
          options={VIEWS.map((v) => ({ value: v, label: t(v === 'all' ? 'visits.all' : v === 'queue' ? 'visits.queue' : `visits.flag.${v}`) }))} />
      )}
      <Table<VisitView> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.loading} data-testid="visits-table" scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }} />
    </Card>
  );
}

// The cases behind a figure (下钻): what the dashboard, the report tables and the ranking link
// to. The filter lives in the address; the list is the ordinary case list with the same columns,
// each case linking to its page.
import { useMemo } from 'react';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { useCaseColumns } from '../cases/columns';
import { CasePageTable } from '../cases/CasePageTable';
import { useCategories, useRegionName } from '../cases/reference';
import { evaluationApi, parseDrill } from './api';
import { useEvalNames } from './names';

const PAGE_SIZE = 20;

export default function DrillDownPage() {
  const { t } = useI18n();
  const names = useEvalNames();
  const navigate = useNavigate();
  const cols = useCaseColumns();
  const categories = useCategories();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => parseDrill(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const regionName = useRegionName(filter.regionCode ?? null);
  const list = useLoad((signal) => evaluationApi.drill({ ...filter, page, pageSize: PAGE_SIZE }, signal), [filter, page]);
  const toPage = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next, { replace: true });
  };

  const tags: { key: string; label: string }[] = [];
  if (filter.figure) tags.push({ key: 'figure', label: names.figure(filter.figure) });
  if (filter.dueState === 'overdue') tags.push({ key: 'dueState', label: t('evaluation.dashboard.overdueNow') });
  if (filter.monthFrom || filter.monthTo) {
    const from = filter.monthFrom ?? filter.monthTo!;
    const to = filter.monthTo ?? filter.monthFrom!;
    tags.push({ key: 'months', label: from === to ? from : t('evaluation.periodText', { from, to }) });
  }
  for (const [key, from, to] of [['received', filter.receivedFrom, filter.receivedTo], ['completed', filter.completedFrom, filter.completedTo]] as const) {
    if (from || to) tags.push({ key: `${key}Days`, label: `${names.figure(key)}: ${from ?? ''} – ${to ?? ''}` });
  }
  if (filter.responsibleOfficeId) tags.push({ key: 'office', label: `${t('evaluation.drill.office')}: ${cols.officeLabel(filter.responsibleOfficeId)}` });
  if (filter.leadOfficeId) tags.push({ key: 'lead', label: `${t('cases.field.leadOffice')}: ${cols.officeLabel(filter.leadOfficeId)}` });
  if (filter.regionCode) tags.push({ key: 'region', label: `${t('evaluation.by.region')}: ${regionName ?? filter.regionCode}` });
  if (filter.categoryId) tags.push({ key: 'category', label: `${t('evaluation.by.category')}: ${categories.path(filter.categoryId) ?? `#${filter.categoryId}`}` });
  if (filter.channel) tags.push({ key: 'channel', label: `${t('evaluation.by.channel')}: ${names.row('channel', { key: filter.channel, name: filter.channel })}` });
  if (filter.type) tags.push({ key: 'type', label: `${t('evaluation.by.type')}: ${names.row('type', { key: filter.type, name: filter.type })}` });


  return (
    <Card
      title={t('evaluation.drill.title')}
      extra={
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="eval-drill-back">
            {t('evaluation.drill.back')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.reload')} />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }} data-testid="eval-drill-filter">
        <Typography.Text strong data-testid="eval-drill-total" data-total={list.data?.total ?? ''}>
          {list.data ? t('cases.list.total', { n: list.data.total }) : '…'}
        </Typography.Text>
        {tags.map((x) => (
          <Tag key={x.key} color={x.key === 'figure' || x.key === 'dueState' ? 'blue' : undefined} data-testid={`eval-drill-tag-${x.key}`}>
            {x.label}
          </Tag>
        ))}
      </Space>
      <CasePageTable list={list} page={page} pageSize={PAGE_SIZE} onPage={toPage} testId="eval-drill" />
    </Card>
  );
}

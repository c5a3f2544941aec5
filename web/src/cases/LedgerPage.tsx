// The enterprise problem ledger (企业问题台账): enterprise cases in scope with their rectification
// plan, responsible person, deadline and latest progress; filters, paging and Excel/CSV export.
import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n, useLoad } from '../shell';
import { OfficeTreeSelect } from '../offices';
import { casesApi, ledgerExportUrl, LEDGER_FILTER_STATUSES, type LedgerFilter, type LedgerItem, type LedgerStatusFilter } from './api';
import { useOffices } from './reference';
import { LedgerStatusTag } from './RectificationPanel';
import { StatusTag } from './StatusTag';

const PAGE_SIZE = 20;

export default function LedgerPage() {
  const { t } = useI18n();
  const { offices, loading: officesLoading } = useOffices();
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [status, setStatus] = useState<LedgerStatusFilter[]>([]);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);

  const filter: LedgerFilter = useMemo(
    () => ({
      officeId: officeId ?? undefined,
      status,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
      q: q || undefined,
      page,
      pageSize: PAGE_SIZE,
    }),
    [officeId, status, range, q, page],
  );
  const ledger = useLoad((signal) => casesApi.ledger(filter, signal), [filter]);

  const columns: TableColumnsType<LedgerItem> = [
    {
      title: t('cases.field.code'),
      dataIndex: 'code',
      key: 'code',
      render: (_: unknown, r) => <Link to={`/cases/${r.caseId}`}>{r.code}</Link>,
    },
    { title: t('cases.field.acceptedAt'), dataIndex: 'acceptedAt', key: 'acceptedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
    {
      title: t('cases.ledger.enterprise'),
      key: 'enterprise',
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.enterprise.name ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.enterprise.uscc}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('cases.ledger.problem'), dataIndex: 'title', key: 'title' },
    { title: t('cases.field.status'), key: 'caseStatus', render: (_: unknown, r) => <StatusTag status={r.caseStatus} /> },
    { title: t('cases.field.leadOffice'), dataIndex: 'leadOfficeName', key: 'lead', render: (v: string | null) => v ?? '—' },
    {
      title: t('cases.rect.measures'),
      key: 'measures',
      render: (_: unknown, r) =>
        r.plan ? (
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '…' }} style={{ marginBottom: 0, maxWidth: 280 }}>
            {r.plan.measures}
          </Typography.Paragraph>
        ) : (
          '—'
        ),
    },
    { title: t('cases.rect.person'), key: 'person', render: (_: unknown, r) => r.plan?.responsiblePerson ?? '—' },
    { title: t('cases.rect.deadline'), key: 'deadline', render: (_: unknown, r) => r.plan?.deadline ?? '—' },
    { title: t('cases.rect.status'), key: 'ledgerStatus', render: (_: unknown, r) => <LedgerStatusTag status={r.ledgerStatus} daysOverdue={r.daysOverdue} /> },
    {
      title: t('cases.ledger.latest'),
      key: 'latest',
      render: (_: unknown, r) =>
        r.latestProgress ? (
          <Space direction="vertical" size={0} style={{ maxWidth: 280 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.latestProgress.week} · {t(`cases.rect.kind.${r.latestProgress.kind}`)}
            </Typography.Text>
            <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '…' }} style={{ marginBottom: 0 }}>
              {r.latestProgress.note}
            </Typography.Paragraph>
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const resetPage = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  return (
    <Card
      title={t('cases.ledger.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={ledger.reload} aria-label={t('common.reload')} />
          <Button icon={<DownloadOutlined />} href={ledgerExportUrl('xlsx', filter)} data-testid="ledger-xlsx">
            {t('cases.ledger.xlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href={ledgerExportUrl('csv', filter)} data-testid="ledger-csv">
            {t('cases.ledger.csv')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <OfficeTreeSelect
          offices={offices}
          loading={officesLoading}
          value={officeId}
          onChange={resetPage(setOfficeId)}
          placeholder={t('cases.ledger.office')}
          aria-label={t('cases.ledger.office')}
          style={{ width: 260 }}
          data-testid="ledger-filter-office"
        />
        <Select<LedgerStatusFilter[]>
          mode="multiple"
          allowClear
          placeholder={t('cases.ledger.status')}
          aria-label={t('cases.ledger.status')}
          value={status}
          onChange={resetPage(setStatus)}
          options={LEDGER_FILTER_STATUSES.map((s) => ({ value: s, label: t(`cases.rect.status.${s}`) }))}
          style={{ minWidth: 200 }}
          data-testid="ledger-filter-status"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => resetPage(setRange)(v as [Dayjs | null, Dayjs | null] | null)}
          aria-label={t('cases.ledger.dates')}
          placeholder={[t('cases.ledger.dates'), t('cases.ledger.dates')]}
          data-testid="ledger-filter-dates"
        />
        <Input.Search
          allowClear
          placeholder={t('cases.ledger.search')}
          aria-label={t('cases.ledger.search')}
          onSearch={(v) => resetPage(setQ)(v.trim())}
          style={{ width: 280 }}
          data-testid="ledger-search"
        />
      </Space>
      <Table<LedgerItem>
        rowKey="caseId"
        size="middle"
        columns={columns}
        dataSource={ledger.data?.items ?? []}
        loading={ledger.loading}
        onRow={(r) => ({ 'data-testid': `ledger-row-${r.caseId}` }) as never}
        data-testid="ledger-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: ledger.data?.total ?? 0,
          showTotal: (n) => t('cases.list.total', { n }),
          showSizeChanger: false,
          onChange: setPage,
        }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}

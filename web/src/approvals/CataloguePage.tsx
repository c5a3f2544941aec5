// The catalogue for staff: search, filter by department, status and type; new items, import
// (xlsx or JSON, all or nothing, every bad row listed) and export.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { hasAnyRole, isApiError, useI18n, useLoad, useMe, useReportError } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import {
  catalogueApi, days, ITEM_STATUSES, ITEM_TYPES, ITEM_TYPE_CODES, named, type ItemFilter, type ItemStatus, type ItemTypeCode, type RowProblem, type ServiceItemSummary,
} from './api';

const PAGE_SIZE = 20;
export const STATUS_COLORS: Record<ItemStatus, string> = { draft: 'default', published: 'green', retired: 'red' };

export default function CataloguePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const me = useMe();
  const editor = hasAnyRole(me?.roles, ['admin']);
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const [filter, setFilter] = useState<ItemFilter>({ page: 1, pageSize: PAGE_SIZE });
  const list = useLoad((signal) => catalogueApi.list(filter, signal), [filter]);
  const [publish, setPublish] = useState(false);
  const [problems, setProblems] = useState<RowProblem[] | null>(null);
  const set = (patch: ItemFilter) => setFilter((f) => ({ ...f, ...patch, page: patch.page ?? 1 }));

  const importFile = async (file: File) => {
    setProblems(null);
    try {
      const r = await catalogueApi.importFile(file, publish);
      message.success(t('approvals.imported', { ...r }));
      list.reload();
    } catch (e) {
      const rows = isApiError(e) ? (e.details as { problems?: RowProblem[] } | undefined)?.problems : undefined;
      if (rows) setProblems(rows);
      else reportError(e);
    }
    return false;
  };

  const columns: TableColumnsType<ServiceItemSummary> = useMemo(() => [
    { title: t('approvals.field.name'), key: 'name', render: (_: unknown, r) => <Link to={`/approvals/items/${r.id}`}>{r.name}</Link> },
    { title: t('approvals.field.implementationCode'), dataIndex: 'implementationCode', key: 'code', render: (v: string) => <span style={{ fontSize: 12 }}>{v}</span> },
    { title: t('approvals.field.typeCode'), key: 'type', render: (_: unknown, r) => named(ITEM_TYPES[r.typeCode], lang) },
    { title: t('approvals.department'), dataIndex: 'officeName', key: 'office' },
    { title: t('approvals.guide.statutory'), key: 'statutory', render: (_: unknown, r) => days(r.statutoryLimit, t) },
    { title: t('approvals.guide.committed'), key: 'committed', render: (_: unknown, r) => days(r.committedLimit, t) },
    { title: t('approvals.field.materials'), dataIndex: 'materials', key: 'materials' },
    { title: t('approvals.field.status'), key: 'status', render: (_: unknown, r) => <Tag color={STATUS_COLORS[r.status]}>{named(ITEM_STATUSES[r.status], lang)}</Tag> },
  ], [t, lang]);

  return (
    <Card
      title={t('approvals.catalogue.title')}
      extra={
        <Space wrap>
          {editor ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/approvals/items/new')} data-testid="item-new">{t('approvals.new')}</Button> : null}
          {editor ? (
            <>
              <Upload accept=".xlsx,.json" showUploadList={false} beforeUpload={(f) => importFile(f)}>
                <Button icon={<UploadOutlined />} data-testid="catalogue-import">{t('approvals.import')}</Button>
              </Upload>
              <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)}>{t('approvals.importPublish')}</Checkbox>
            </>
          ) : null}
          <Button icon={<DownloadOutlined />} href={catalogueApi.exportUrl('xlsx', filter)}>{t('approvals.exportXlsx')}</Button>
          <Button icon={<DownloadOutlined />} href={catalogueApi.exportUrl('json', filter)}>{t('approvals.exportJson')}</Button>
        </Space>
      }
    >
      {problems ? (
        <Alert type="error" showIcon closable onClose={() => setProblems(null)} style={{ marginBottom: 16 }} message={t('approvals.importFailed')} data-testid="import-problems"
          description={<ul style={{ margin: 0 }}>{problems.map((p, i) => <li key={i}>{p.sheet ? `${p.sheet} · ` : ''}#{p.row} {p.field}：{lang === 'en' ? p.en : p.zh}</li>)}</ul>} />
      ) : null}
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('approvals.search')} onSearch={(q) => set({ q: q.trim() || undefined })} style={{ width: 260 }} />
        <OfficeTreeSelect offices={offices.data ?? []} loading={offices.loading} value={filter.officeId ?? null} onChange={(id) => set({ officeId: id ?? undefined })}
          placeholder={t('approvals.department')} style={{ width: 260 }} />
        <Select allowClear placeholder={t('approvals.allStatuses')} style={{ width: 140 }} value={filter.status} onChange={(status?: ItemStatus) => set({ status })}
          options={(Object.keys(ITEM_STATUSES) as ItemStatus[]).map((s) => ({ value: s, label: named(ITEM_STATUSES[s], lang) }))} />
        <Select allowClear placeholder={t('approvals.allTypes')} style={{ width: 180 }} value={filter.typeCode} onChange={(typeCode?: ItemTypeCode) => set({ typeCode })}
          options={ITEM_TYPE_CODES.map((c) => ({ value: c, label: `${c} ${named(ITEM_TYPES[c], lang)}` }))} />
      </Space>
      <Table rowKey="id" size="small" loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 900 }}
        pagination={{ current: filter.page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: (page) => setFilter((f) => ({ ...f, page })), showSizeChanger: false }} />
    </Card>
  );
}

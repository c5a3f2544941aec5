// Every case the viewer may see: filters (status, type, channel, due state, received dates, lead
// office, category, region, keyword), the server's sort by column, paging; the selected cases (or
// all the filters find) exported as a workbook, and for a dispatcher the selected accepted cases
// dispatched to the catalogue's suggestion. The filters live in the address so a case page's
// "back" returns to the same list.
import { useMemo, useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Input, Select, Space, Tag } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { hasAnyRole, useI18n, useLoad, useMe } from '../shell';
import { OfficeTreeSelect } from '../offices';
import { RegionSelect } from '../regions';
import {
  CASE_STATUSES, CASE_TYPES, CHANNELS, DUE_STATES, caseFilterOf, casesApi, casesExportUrl,
  type CaseFilter, type CaseStatus, type CaseType, type CaseView, type Channel, type DueState,
} from './api';
import { CasePageTable } from './CasePageTable';
import { CategoryTreeSelect } from './pickers';
import { useOffices } from './reference';
import { BulkDispatchButton } from './BulkDispatch';

const PAGE_SIZE = 20;

/** The filters a hotspot's link narrows the list with that have no control here; shown as one tag that clears them. */
const NARROWING = ['intakeOfficeId', 'address', 'requesterUscc'] as const;

export default function CasesListPage() {
  const { t } = useI18n();
  const me = useMe();
  const { offices } = useOffices();
  const [params, setParams] = useSearchParams();
  const filter: CaseFilter = useMemo(() => ({ ...caseFilterOf(params), pageSize: PAGE_SIZE }), [params]);
  const list = useLoad((signal) => casesApi.list(filter, signal), [filter]);
  const [selected, setSelected] = useState<CaseView[]>([]);
  const received = filter.receivedFrom && filter.receivedTo ? [dayjs(filter.receivedFrom), dayjs(filter.receivedTo)] as [dayjs.Dayjs, dayjs.Dayjs] : null;

  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };


  return (
    <Card title={t('cases.list.title')} extra={<Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.reload')} />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<CaseStatus[]>
          mode="multiple"
          allowClear
          placeholder={t('cases.field.status')}
          aria-label={t('cases.field.status')}
          value={filter.status as CaseStatus[]}
          onChange={(v) => update({ status: v.join(',') || undefined })}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`), 'data-testid': `cases-filter-status-${s}` }))}
          style={{ minWidth: 200 }}
          maxTagCount="responsive"
          data-testid="cases-filter-status"
        />
        <Select<CaseType>
          allowClear
          placeholder={t('cases.field.type')}
          aria-label={t('cases.field.type')}
          value={filter.type}
          onChange={(v) => update({ type: v })}
          options={CASE_TYPES.map((s) => ({ value: s, label: t(`cases.type.${s}`) }))}
          style={{ width: 130 }}
          data-testid="cases-filter-type"
        />
        <Select<Channel>
          allowClear
          placeholder={t('cases.field.channel')}
          aria-label={t('cases.field.channel')}
          value={filter.channel}
          onChange={(v) => update({ channel: v })}
          options={CHANNELS.map((s) => ({ value: s, label: t(`cases.channel.${s}`) }))}
          style={{ width: 160 }}
          data-testid="cases-filter-channel"
        />
        <Select<DueState>
          allowClear
          placeholder={t('cases.field.deadline')}
          aria-label={t('cases.field.deadline')}
          value={filter.dueState}
          onChange={(v) => update({ dueState: v })}
          options={DUE_STATES.map((s) => ({ value: s, label: t(`cases.due.${s}`) }))}
          style={{ width: 120 }}
          data-testid="cases-filter-due"
        />
        <Checkbox
          checked={!!filter.extensionPending}
          onChange={(e) => update({ extensionPending: e.target.checked ? 'true' : undefined })}
          data-testid="cases-filter-extension"
        >
          {t('cases.list.extensionPending')}
        </Checkbox>
        <DatePicker.RangePicker
          value={received}
          onChange={(d) => update({ receivedFrom: d?.[0]?.format('YYYY-MM-DD'), receivedTo: d?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('cases.list.receivedFrom'), t('cases.list.receivedTo')]}
          data-testid="cases-filter-received"
        />
        <OfficeTreeSelect offices={offices} value={filter.leadOfficeId ?? null} placeholder={t('cases.field.leadOffice')} aria-label={t('cases.field.leadOffice')}
          onChange={(v) => update({ leadOfficeId: v ? String(v) : undefined })} style={{ width: 220 }} data-testid="cases-filter-office" />
        <div style={{ width: 200 }}>
          <CategoryTreeSelect value={filter.categoryId ?? null} placeholder={t('cases.field.category')} aria-label={t('cases.field.category')}
            onChange={(v) => update({ categoryId: v ? String(v) : undefined })} data-testid="cases-filter-category" />
        </div>
        <div style={{ width: 200 }}>
          <RegionSelect value={filter.regionCode ?? null} placeholder={t('cases.field.region')} aria-label={t('cases.field.region')}
            onChange={(v) => update({ regionCode: v ?? undefined })} data-testid="cases-filter-region" />
        </div>
        <Input.Search
          key={filter.q ?? ''}
          allowClear
          defaultValue={filter.q}
          placeholder={t('cases.list.search')}
          aria-label={t('cases.list.search')}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 340 }}
          data-testid="cases-search"
        />
        {NARROWING.some((k) => params.has(k)) && (
          <Tag closable onClose={() => update(Object.fromEntries(NARROWING.map((k) => [k, undefined])))} data-testid="cases-narrowed">
            {t('cases.list.narrowedBy')}
          </Tag>
        )}
        <Button onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="cases-reset">
          {t('cases.list.reset')}
        </Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={casesExportUrl(filter, selected.map((c) => c.id))} data-testid="cases-export">
          {selected.length ? t('cases.list.exportSelected', { n: selected.length }) : t('cases.list.exportAll')}
        </Button>
        {hasAnyRole(me.roles, ['dispatcher']) && <BulkDispatchButton cases={selected} onDone={() => { setSelected([]); list.reload(); }} />}
        {selected.length > 0 && <Button type="link" onClick={() => setSelected([])} data-testid="cases-clear-selection">{t('cases.list.clearSelection')}</Button>}
      </Space>
      <CasePageTable list={list} page={filter.page ?? 1} pageSize={PAGE_SIZE} onPage={(p) => update({ page: String(p) })} testId="cases"
        sort={filter.sort} onSort={(sort) => update({ sort })}
        selected={selected.map((c) => c.id)} onSelect={(_ids, rows) => setSelected(rows.filter(Boolean))} />
    </Card>
  );
}

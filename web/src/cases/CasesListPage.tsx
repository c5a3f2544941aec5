// Every case the viewer may see: filters (status, type, channel, due state, keyword), paging.
// The filters live in the address so a case page's "back" returns to the same list.
import { useMemo } from 'react';
import { Button, Card, Checkbox, Input, Select, Space, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import {
  CASE_STATUSES, CASE_TYPES, CHANNELS, DUE_STATES, caseFilterOf, casesApi,
  type CaseFilter, type CaseStatus, type CaseType, type Channel, type DueState,
} from './api';
import { CasePageTable } from './CasePageTable';

const PAGE_SIZE = 20;

/** The filters a hotspot's link narrows the list with; shown as one tag that clears them. */
const NARROWING = ['intakeOfficeId', 'categoryId', 'regionCode', 'address', 'requesterUscc', 'receivedFrom', 'receivedTo'] as const;

export default function CasesListPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter: CaseFilter = useMemo(() => ({ ...caseFilterOf(params), pageSize: PAGE_SIZE }), [params]);
  const list = useLoad((signal) => casesApi.list(filter, signal), [filter]);

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
            {t('cases.list.narrowed', { from: params.get('receivedFrom') ?? '', to: params.get('receivedTo') ?? '' })}
          </Tag>
        )}
        <Button onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="cases-reset">
          {t('cases.list.reset')}
        </Button>
      </Space>
      <CasePageTable list={list} page={filter.page ?? 1} pageSize={PAGE_SIZE} onPage={(p) => update({ page: String(p) })} testId="cases" />
    </Card>
  );
}

// Bulk dispatch from the case list (批量派单): the selected accepted cases, each to the dispatch
// catalogue's suggestion for its category and region, through the same dispatch action one case
// at a time with the version read; the dialog shows each case's office before, and its outcome after.
import { useState } from 'react';
import { Alert, Button, Modal, Table, Tag } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useI18n, useReportError } from '../shell';
import { casesApi, type BulkDispatchResult, type CaseView, type DispatchSuggestion } from './api';

interface Row {
  c: CaseView;
  suggestion: DispatchSuggestion | null;
  result?: BulkDispatchResult;
}

export function BulkDispatchButton({ cases, onDone }: { cases: readonly CaseView[]; onDone: () => void }) {
  const { t, lang } = useI18n();
  const reportError = useReportError();
  const dispatchable = cases.filter((c) => c.actions.includes('dispatch'));
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);
  const done = rows?.some((r) => r.result) ?? false;

  const open = async () => {
    setBusy(true);
    try {
      setRows(await Promise.all(dispatchable.map(async (c) => ({ c, suggestion: (await casesApi.dispatchSuggestions(c.id))[0] ?? null }))));
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  const dispatch = async () => {
    if (!rows) return;
    setBusy(true);
    try {
      const items = rows.filter((r) => r.suggestion).map((r) => ({ id: r.c.id, version: r.c.version, leadOfficeId: r.suggestion!.officeId }));
      const results = new Map((await casesApi.bulkDispatch(items)).map((r) => [r.id, r]));
      setRows(rows.map((r) => ({ ...r, result: results.get(r.c.id) })));
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    if (done) onDone();
    setRows(null);
  };
  const outcome = (r: Row) => {
    if (!r.suggestion) return <Tag>{t('cases.bulk.noSuggestion')}</Tag>;
    if (!r.result) return null;
    return r.result.ok ? <Tag color="green">{t('cases.bulk.dispatched')}</Tag> : <Tag color="red">{lang === 'en' ? r.result.messageEn : r.result.messageZh}</Tag>;
  };

  return (
    <>
      <Button icon={<SendOutlined />} disabled={dispatchable.length === 0} loading={busy && !rows} onClick={() => void open()} data-testid="cases-bulk-dispatch">
        {t('cases.bulk.dispatch', { n: dispatchable.length })}
      </Button>
      {rows && (
        <Modal open width={760} title={t('cases.bulk.title')} onCancel={close}
          footer={done ? <Button type="primary" onClick={close} data-testid="cases-bulk-close">{t('cases.bulk.close')}</Button> : [
            <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
            <Button key="ok" type="primary" loading={busy} disabled={!rows.some((r) => r.suggestion)} onClick={() => void dispatch()} data-testid="cases-bulk-confirm">
              {t('cases.bulk.confirm', { n: rows.filter((r) => r.suggestion).length })}
            </Button>,
          ]}>
          {cases.length > dispatchable.length && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('cases.bulk.skipped', { n: cases.length - dispatchable.length })} />}
          <Table<Row> rowKey={(r) => r.c.id} size="small" pagination={false} dataSource={rows} data-testid="cases-bulk-table"
            onRow={(r) => ({ 'data-testid': `cases-bulk-row-${r.c.id}` } as never)}
            columns={[
              { title: t('cases.field.code'), key: 'code', render: (_, r) => r.c.code },
              { title: t('cases.field.title'), key: 'title', render: (_, r) => r.c.title },
              { title: t('cases.bulk.office'), key: 'office', render: (_, r) => r.suggestion?.officeName ?? '—' },
              { title: t('cases.bulk.outcome'), key: 'outcome', render: (_, r) => outcome(r) },
            ]} />
        </Modal>
      )}
    </>
  );
}

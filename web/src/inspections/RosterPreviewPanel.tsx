// What a task would draw from, while it is being drawn up: the candidates and exact quota per
// credit class, each department's inspectors against the team size, what would stop the commit,
// and the candidates by name. The server answers with the same function the commit freezes the
// rosters with (POST /api/inspection-tasks/roster-preview), so what is shown here is what commits.
import { useEffect, useState } from 'react';
import { Alert, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { isAbort, isApiError, nameIn, useI18n } from '../shell';
import { ENTERPRISE_KIND_NAMES, ENTERPRISE_SIZE_NAMES } from '../enterprises';
import { inspectionsApi, ratio, STRATUM_NAMES, type RosterPreview } from './api';

/** The roster part of a task being drawn up; null while the form lacks a plan or a ratio. */
export interface RosterPreviewRequest {
  planId: number;
  joiningOfficeIds: number[];
  filters: Record<string, string>;
  strata: { stratum: string; basisPoints: number }[];
  perDepartment?: number;
}

const PAGE_SIZE = 10;
/** Typing a ratio or picking a filter asks again once the form is still for this long. */
const SETTLE_MS = 350;

export function RosterPreviewPanel({ request }: { request: RosterPreviewRequest | null }) {
  const { t, lang } = useI18n();
  const key = JSON.stringify(request);
  // The page asked for belongs to the roster it was asked of: a changed roster starts again at its first.
  const [paging, setPaging] = useState({ key, page: 1 });
  const page = paging.key === key ? paging.page : 1;
  const setPage = (p: number) => setPaging({ key, page: p });
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!request) {
      setPreview(null);
      setError(null);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      inspectionsApi.rosterPreview({ ...request, page, pageSize: PAGE_SIZE }, ctrl.signal)
        .then((p) => { setPreview(p); setError(null); })
        // A half-filled form is refused with the field to fix; that is shown here, not as a toast.
        .catch((e) => { if (!isAbort(e)) { setPreview(null); setError(isApiError(e) ? e.message : String(e)); } })
        .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    }, SETTLE_MS);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [key, page]);

  if (!request) return <Typography.Text type="secondary" data-testid="roster-preview-empty">{t('inspections.preview.incomplete')}</Typography.Text>;
  return (
    <Card size="small" title={t('inspections.preview.title')} extra={loading && <Spin size="small" />} data-testid="roster-preview">
      {error && <Alert type="error" showIcon message={error} data-testid="roster-preview-error" />}
      {preview && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {preview.problems.length === 0
            ? <Alert type="success" showIcon message={t('inspections.preview.ready', { quota: preview.quota, candidates: preview.candidates })} data-testid="roster-preview-ready" />
            : preview.problems.map((p) => <Alert key={`${p.code}-${p.zh}`} type="warning" showIcon message={lang === 'en' ? p.en : p.zh} data-testid={`roster-problem-${p.code}`} />)}
          <Space wrap align="start" size="large">
            <Table size="small" pagination={false} rowKey="stratum" dataSource={preview.strata} data-testid="roster-preview-strata"
              columns={[
                { title: t('inspections.preview.stratum'), key: 'stratum', render: (_: unknown, s) => nameIn(lang, STRATUM_NAMES[s.stratum]) },
                { title: t('inspections.preview.candidates'), dataIndex: 'candidates', align: 'right' },
                { title: t('inspections.preview.ratio'), key: 'ratio', align: 'right', render: (_: unknown, s) => ratio(s.basisPoints) },
                { title: t('inspections.preview.quota'), key: 'quota', align: 'right', render: (_: unknown, s) => <span data-testid={`roster-quota-${s.stratum}`}>{s.quota}</span> },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('inspections.preview.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{preview.candidates}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} />
                  <Table.Summary.Cell index={3} align="right"><span data-testid="roster-quota">{preview.quota}</span></Table.Summary.Cell>
                </Table.Summary.Row>
              )} />
            <Table size="small" pagination={false} rowKey="id" dataSource={preview.departments} data-testid="roster-preview-departments"
              columns={[
                { title: t('inspections.preview.department'), dataIndex: 'name' },
                {
                  title: t('inspections.preview.inspectors'), key: 'inspectors', align: 'right',
                  render: (_: unknown, d) => <Typography.Text type={d.activeInspectors < d.needed ? 'danger' : undefined}>{t('inspections.preview.ofNeeded', { n: d.activeInspectors, needed: d.needed })}</Typography.Text>,
                },
                { title: t('inspections.preview.conflicts'), dataIndex: 'declaredConflicts', align: 'right' },
              ]} />
          </Space>
          <Table size="small" rowKey="uscc" dataSource={preview.page.items} data-testid="roster-preview-candidates"
            pagination={{ current: preview.page.page, pageSize: preview.page.pageSize, total: preview.page.total, onChange: setPage, showSizeChanger: false, size: 'small' }}
            columns={[
              { title: t('inspections.preview.enterprise'), key: 'name', render: (_: unknown, c) => <span title={c.uscc}>{c.name}</span> },
              { title: t('inspections.preview.stratum'), key: 'stratum', render: (_: unknown, c) => <Tag>{nameIn(lang, STRATUM_NAMES[c.stratum])}</Tag> },
              { title: t('inspections.preview.region'), dataIndex: 'regionName' },
              {
                title: t('inspections.preview.kind'), key: 'kind',
                render: (_: unknown, c) => [nameIn(lang, ENTERPRISE_KIND_NAMES[c.kind]), ...(c.size ? [nameIn(lang, ENTERPRISE_SIZE_NAMES[c.size])] : [])].join(' · '),
              },
              { title: t('inspections.preview.industry'), key: 'industry', render: (_: unknown, c) => c.industryName ?? '—' },
            ]} />
        </Space>
      )}
    </Card>
  );
}

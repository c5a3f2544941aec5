// One task as its department runs it: the commitment, the witness value and the draw, the targets
// with their teams and results, and the actions open to the viewer (commit, draw, publish).
import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useI18n, useLoad, useReportError } from '../shell';
import { INSPECTION_RESULT_NAMES, inspectionsApi, ratio, STRATUM_NAMES, TASK_STATUS_NAMES, VISIT_STATUS_NAMES, type TaskAction, type VisitView } from './api';
import { TeamCell } from './TeamCell';
import { RosterPreviewPanel } from './RosterPreviewPanel';

export default function TaskPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const task = useLoad((signal) => inspectionsApi.task(id!, signal), [id]);
  const [witness, setWitness] = useState('');
  const [reason, setReason] = useState('');
  const name = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  const v = task.data;
  if (!v) return <Card loading />;
  const act = async (action: TaskAction) => {
    try {
      const input = action === 'draw' ? { witnessValue: witness } : action === 'redraw' ? { reason } : {};
      task.setData(await inspectionsApi.act(v.id, action, { version: v.version, ...input }));
      message.success(t('inspections.done', { what: t(`inspections.action.${action}`) }));
    } catch (e) {
      reportError(e, { onReload: task.reload });
    }
  };
  const mono = (text: string | null) => (text ? <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{text}</Typography.Text> : '—');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={`${v.code} ${v.title}`} extra={<Tag data-testid="task-status">{name(TASK_STATUS_NAMES[v.status])}</Tag>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('inspections.task.departments')}>{v.departments.map((d) => d.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.items')}>{v.items.map((i) => i.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.period')}>{v.periodFrom} – {v.periodTo}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.due')}>{v.publicationDue} <Tag>{v.dueState}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('inspections.visit.stratum')}>{v.strata.map((s) => `${name(STRATUM_NAMES[s.stratum])} ${ratio(s.basisPoints)}`).join('；')}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.candidates')}>{v.candidates ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.seedSource')}>{name(v.seedSource)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.commitment')}><span data-testid="task-commitment">{mono(v.commitment)}</span></Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.serverRandomHash')}>{mono(v.serverRandomHash)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.serverRandom')}>{mono(v.serverRandom)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.witness')}>{v.witnessValue ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.task.seed')}><span data-testid="task-seed">{mono(v.seed)}</span></Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }}>
          {v.actions.includes('commit') && <Button type="primary" onClick={() => act('commit')} data-testid="task-commit">{t('inspections.action.commit')}</Button>}
          {v.actions.includes('draw') && (
            <Space.Compact>
              <Input placeholder={t('inspections.task.witness')} aria-label={t('inspections.task.witness')} value={witness} onChange={(e) => setWitness(e.target.value)} data-testid="task-witness" />
              <Button type="primary" onClick={() => act('draw')} disabled={!witness.trim()} data-testid="task-draw">{t('inspections.action.draw')}</Button>
            </Space.Compact>
          )}
          {v.actions.includes('publish') && <Button type="primary" onClick={() => act('publish')} data-testid="task-publish">{t('inspections.action.publish')}</Button>}
          {v.actions.includes('redraw') && (
            <Space.Compact>
              <Input placeholder={t('inspections.redraw.reason')} aria-label={t('inspections.redraw.reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="task-redraw-reason" />
              <Button danger onClick={() => act('redraw')} disabled={reason.trim().length < 10} data-testid="task-redraw">{t('inspections.action.redraw')}</Button>
            </Space.Compact>
          )}
          {v.commitment && <Link to={`/public/inspections/${v.id}/draw`} data-testid="task-draw-page">{t('inspections.task.drawPage')}</Link>}
        </Space>
        {v.redraws.map((r) => (
          <Typography.Paragraph key={r.at} type="secondary" style={{ marginTop: 8 }} data-testid="task-redraw-record">
            {t('inspections.redraw.record', { at: r.at.slice(0, 10), by: r.by, reason: r.reason, seed: r.seed.slice(0, 12) })}
          </Typography.Paragraph>
        ))}
      </Card>
      {v.status === 'draft' && (
        // Until the commit freezes them, the rosters are the registry's and the rosters' of today: show what a commit would take now.
        <Card title={t('inspections.task.roster')}>
          <RosterPreviewPanel request={{
            planId: v.planId, joiningOfficeIds: v.departments.map((d) => d.id).filter((d) => d !== v.leadOfficeId),
            filters: Object.fromEntries(Object.entries(v.filters).filter((e): e is [string, string] => typeof e[1] === 'string')), strata: v.strata, perDepartment: v.perDepartment,
          }} />
        </Card>
      )}
      <Card title={t('inspections.visits')}>
        <Table<VisitView> rowKey="id" size="small" dataSource={v.visits} pagination={false} scroll={{ x: true }}
          columns={[
            { title: t('inspections.visit.enterprise'), key: 'e', render: (_: unknown, r) => <Space direction="vertical" size={0}><span>{r.enterpriseName}</span><Typography.Text type="secondary">{r.uscc}</Typography.Text></Space> },
            { title: t('inspections.visit.stratum'), key: 's', render: (_: unknown, r) => `${name(STRATUM_NAMES[r.stratum as keyof typeof STRATUM_NAMES])} #${r.rank}` },
            { title: t('inspections.visit.team'), key: 'team', render: (_: unknown, r) => <TeamCell visit={r} /> },
            { title: t('inspections.visit.status'), key: 'st', render: (_: unknown, r) => <Tag data-testid={`visit-status-${r.uscc}`}>{name(VISIT_STATUS_NAMES[r.status])}</Tag> },
            { title: t('inspections.visit.result'), key: 'r', render: (_: unknown, r) => (r.result ? name(INSPECTION_RESULT_NAMES[r.result]) : '—') },
          ]} />
      </Card>
    </Space>
  );
}

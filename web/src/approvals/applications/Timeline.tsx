// The application's timeline (GET /api/applications/:id/events): each event named in the reader's
// language, the person and their office by name, the status change, and what matters in its data
// (materials listed, departments, reasons, notes, the result, whom an agent acted for). The
// applicant reads the server's projection of it: staff named by their office only, no notes.
import type { ReactNode } from 'react';
import { Empty, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n, type Translate } from '../../shell';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES, BRANCH_STATUS_NAMES, PAUSE_REASON_NAMES, type ApplicationEvent, type BranchStatus, type PauseReason } from './api';
import { named } from './tags';

/** An action's name, or one of the system's own entries (the sweep's). */
export function eventLabel(t: Translate, action: string): string {
  if ((APPLICATION_ACTIONS as readonly string[]).includes(action)) return t(`applications.action.${action}`);
  const key = `applications.event.${action}`;
  const text = t(key);
  return text === key ? action : text;
}

const COLORS: Record<string, string> = {
  create: 'blue', accept: 'green', 'accept-deficient': 'green', approve: 'green', conclude: 'green', issue: 'green', deliver: 'green', 'deemed-accepted': 'green',
  'notify-missing': 'orange', 'ask-more': 'orange', extend: 'orange', pause: 'purple', resume: 'purple', deadline: 'red', refuse: 'red', withdraw: 'gray',
  'supplement-missed': 'red', 'send-back': 'orange',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const names = (v: unknown): string | null => (Array.isArray(v) && v.length ? v.map((x) => (typeof x === 'string' ? x : String((x as { name?: unknown })?.name ?? ''))).join('、') : null);

function Details({ e }: { e: ApplicationEvent }) {
  const { t, lang } = useI18n();
  const d = e.data;
  const lines: ReactNode[] = [];
  const colon = lang === 'en' ? ': ' : '：';
  const add = (key: string, label: string, value: ReactNode) => {
    if (value === null || value === undefined || value === '') return;
    lines.push(<div key={key} data-testid={`event-${e.seq}-${key}`}><Typography.Text type="secondary">{label}{colon}</Typography.Text><span style={{ whiteSpace: 'pre-wrap' }}>{value}</span></div>);
  };
  const date = (v: unknown) => (str(v) ? dayjs(String(v)).format('YYYY-MM-DD HH:mm') : null);
  add('missing', t('applications.timeline.missing'), names(d.missing));
  add('owed', t('applications.timeline.owed'), names(d.owed));
  add('stillMissing', t('applications.timeline.stillMissing'), names(d.stillMissing));
  add('supplementDueAt', t('applications.field.supplementDueAt'), date(d.supplementDueAt));
  if (str(d.name) && Array.isArray(d.departments)) add('stage', t('applications.timeline.stage'), `${d.name}${colon}${names(d.departments)}`);
  add('department', t('applications.stages.department'), str(d.departmentName));
  if (str(d.branchStatus)) add('branchStatus', t('applications.stages.branchStatus'), named(BRANCH_STATUS_NAMES[d.branchStatus as BranchStatus], lang));
  // A pause's reason is one of the Art. 45 periods; every other reason is free text.
  if (e.action === 'pause' || e.action === 'resume') add('pauseReason', t('applications.form.pauseReason'), str(d.reason) && named(PAUSE_REASON_NAMES[d.reason as PauseReason], lang));
  else add('reason', t('applications.form.reason'), str(d.reason));
  add('days', t('applications.form.days'), typeof d.days === 'number' ? t('applications.daysN', { n: d.days }) : null);
  add('note', t('applications.form.note'), str(d.note));
  add('resultNumber', t('applications.field.resultNumber'), str(d.resultNumber));
  add('trackingNumber', t('applications.form.trackingNumber'), str(d.trackingNumber));
  add('receipt', t('applications.form.receipt'), str(d.receipt));
  if (e.action === 'hand-over') {
    const from = d.from as { name?: string } | undefined;
    const to = d.to as { name?: string } | undefined;
    // The applicant is told whom to ask now, not who before.
    add('handOver', t('applications.timeline.handOver'), `${from?.name ? `${from.name} → ` : ''}${to?.name ?? '—'}`);
  }
  const agency = d.onBehalfOf as { name?: string } | undefined;
  if (agency?.name) add('onBehalfOf', t('applications.timeline.onBehalfOf'), t('applications.timeline.onBehalfOfText', { agent: e.actorDisplayName ?? e.actorName, enterprise: agency.name }));
  if (d.deemed === true) lines.push(<Tag key="deemed" color="gold">{t('applications.deemedAccepted')}</Tag>);
  if (str(d.dueState)) add('due', t('applications.timeline.due'), t(`applications.due.${String(d.dueState)}`));
  return lines.length ? <div style={{ marginTop: 4 }}>{lines}</div> : null;
}

export function ApplicationTimeline({ events }: { events: readonly ApplicationEvent[] }) {
  const { t, lang } = useI18n();
  // Nobody is named where the applicant's projection names the office only; the system acts with neither.
  const actor = (e: ApplicationEvent) => e.actorDisplayName ?? (e.actorUserId !== null ? e.actorName : e.actorOfficeName ? '' : t('applications.timeline.system'));
  if (!events.length) return <Empty description={t('applications.timeline.empty')} />;
  return (
    <div data-testid="timeline">
      <Timeline items={events.map((e) => ({
        key: e.seq,
        color: COLORS[e.action] ?? 'blue',
        children: (
          <div data-testid={`event-${e.seq}`} data-action={e.action}>
            <Typography.Text strong>{eventLabel(t, e.action)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
            <div>
              <Typography.Text data-testid={`event-${e.seq}-actor`}>{actor(e)}</Typography.Text>
              {e.actorOfficeName ? <Typography.Text type="secondary" style={{ marginLeft: actor(e) ? 6 : 0 }} data-testid={`event-${e.seq}-office`}>{e.actorOfficeName}</Typography.Text> : null}
              {e.fromStatus !== e.toStatus ? (
                <Tag style={{ marginLeft: 8 }} bordered={false}>
                  {e.fromStatus ? `${named(APPLICATION_STATUSES[e.fromStatus], lang)} → ` : ''}{named(APPLICATION_STATUSES[e.toStatus], lang)}
                </Tag>
              ) : null}
            </div>
            <Details e={e} />
          </div>
        ),
      }))} />
    </div>
  );
}

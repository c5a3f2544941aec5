// The case's timeline (GET /api/cases/:id/events): each event named in the reader's language,
// who did it and when, the status change, and what matters in its data (reply, reasons, notes).
import type { ReactNode } from 'react';
import { Empty, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { useI18n, type Translate } from '../shell';
import { CASE_ACTIONS, type CaseEvent } from './api';
import { formatWorkingTime } from './DeadlineTag';
import { useOfficeDayMinutes } from './reference';

/** The name of a timeline entry: an action's name, or one of the system's own entries. */
export function eventLabel(t: Translate, action: string): string {
  if ((CASE_ACTIONS as readonly string[]).includes(action)) return t(`cases.action.${action}`);
  const key = `cases.event.${action}`;
  const text = t(key);
  return text === key ? action : text;
}

const COLORS: Record<string, string> = {
  create: 'blue',
  dispatch: 'blue',
  sign: 'blue',
  reply: 'green',
  answer: 'green',
  close: 'green',
  'return-visit': 'green',
  evaluate: 'green',
  return: 'red',
  reopen: 'red',
  deadline: 'red',
  supervise: 'orange',
  escalate: 'orange',
  instruct: 'gold',
  'request-extension': 'orange',
  'decide-extension': 'orange',
  merge: 'gray',
  'merged-in': 'gray',
  comment: 'gray',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function Line({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <span style={{ whiteSpace: 'pre-wrap' }}>{children}</span>
    </div>
  );
}

function EventDetails({ e, officeLabel }: { e: CaseEvent; officeLabel: (id: number | null) => string }) {
  const { t } = useI18n();
  const dayMinutes = useOfficeDayMinutes();
  const d = e.data;
  const lines: ReactNode[] = [];
  const add = (key: string, label: string, value: ReactNode, testId?: string) => {
    if (value === null || value === undefined || value === '') return;
    lines.push(
      <Line key={key} label={label} testId={testId}>
        {value}
      </Line>,
    );
  };
  const office = (v: unknown) => (num(v) === null ? null : officeLabel(num(v)));
  const offices = (v: unknown) => (Array.isArray(v) && v.length ? v.map((id) => officeLabel(Number(id))).join('、') : null);
  const text = (key: string, label: string, v: unknown) => add(key, label, str(v), `timeline-${e.seq}-${key}`);
  const late = d.late === true ? <Tag color="red">{t('cases.timeline.late')}</Tag> : null;

  switch (e.action) {
    case 'create':
      add('channel', t('cases.field.channel'), str(d.channel) && t(`cases.channel.${String(d.channel)}`));
      add('type', t('cases.field.type'), str(d.type) && t(`cases.type.${String(d.type)}`));
      if (d.priority === 'urgent') add('priority', t('cases.field.priority'), t('cases.priority.urgent'));
      break;
    case 'answer':
      text('answer', t('cases.form.answer'), d.answer);
      if (num(d.knowledgeArticleId)) add('article', t('cases.intake.articles'), t('cases.timeline.article', { id: num(d.knowledgeArticleId)! }));
      break;
    case 'dispatch':
      add('lead', t('cases.field.leadOffice'), office(d.leadOfficeId), `timeline-${e.seq}-lead`);
      add('assisting', t('cases.field.assistingOffices'), offices(d.assistingOfficeIds));
      text('note', t('cases.form.note'), d.note);
      break;
    case 'sign':
      if (late) lines.push(<div key="late">{late}</div>);
      break;
    case 'return':
      add('from', t('cases.field.leadOffice'), office(d.fromOfficeId));
      text('reason', t('cases.form.reason'), d.reason);
      break;
    case 'transfer':
    case 'escalate':
      add('to', `${office(d.fromOfficeId) ?? '—'} →`, office(d.toOfficeId));
      text('reason', t('cases.form.reason'), d.reason);
      break;
    case 'reply':
      text('reply', t('cases.form.reply'), d.reply);
      if (late) lines.push(<div key="late">{late}</div>);
      break;
    case 'review':
      add('decision', t('cases.form.decision'), d.decision === 'accept' ? t('cases.form.accept') : t('cases.form.sendBack'), `timeline-${e.seq}-decision`);
      text('note', t('cases.form.note'), d.note);
      break;
    case 'request-extension':
      add('days', t('cases.form.days'), num(d.days));
      text('reason', t('cases.form.reason'), d.reason);
      if (d.beyondPolicy === true) lines.push(<Tag key="beyond" color="orange">{t('cases.timeline.beyondPolicy')}</Tag>);
      break;
    case 'decide-extension':
      add('approve', t('cases.form.approve'), d.approve === true ? t('cases.form.approveYes') : t('cases.form.approveNo'));
      add('days', t('cases.form.days'), num(d.days));
      text('note', t('cases.form.note'), d.note);
      break;
    case 'return-visit':
      add('contact', t('cases.form.contact'), str(d.contact) && t(`cases.contact.${String(d.contact)}`));
      if (typeof d.resolved === 'boolean') add('resolved', t('cases.form.resolved'), d.resolved ? t('common.yes') : t('common.no'));
      add('satisfaction', t('cases.form.satisfaction'), str(d.satisfaction) && t(`cases.satisfaction.${String(d.satisfaction)}`), `timeline-${e.seq}-satisfaction`);
      text('note', t('cases.form.note'), d.note);
      break;
    case 'close':
      add('route', t('cases.form.route'), str(d.route) && t(`cases.route.${String(d.route)}`));
      text('explanation', t('cases.form.explanation'), d.explanation);
      break;
    case 'reopen':
      text('reason', t('cases.form.reason'), d.reason);
      break;
    case 'merge':
      add('into', t('cases.field.mergedInto'), num(d.intoCaseId) && <Link to={`/cases/${num(d.intoCaseId)}`}>#{num(d.intoCaseId)}</Link>);
      text('note', t('cases.form.note'), d.note);
      break;
    case 'merged-in':
      add('dup', t('cases.event.merged-in'), num(d.duplicateCaseId) && <Link to={`/cases/${num(d.duplicateCaseId)}`}>{str(d.duplicateCode) ?? `#${num(d.duplicateCaseId)}`}</Link>);
      break;
    case 'supervise':
      add('level', t('cases.form.level'), str(d.level) && t(`cases.level.${String(d.level)}`));
      text('note', t('cases.form.note'), d.note);
      break;
    case 'instruct':
      text('instruction', t('cases.form.instruction'), d.instruction);
      break;
    case 'comment':
      text('text', t('cases.form.text'), d.text);
      break;
    case 'pause-clock':
      add('reason', t('cases.form.pauseReason'), str(d.reason) && t(`cases.pause.${String(d.reason)}`));
      text('note', t('cases.form.note'), d.note);
      break;
    case 'resume-clock':
      if (num(d.pausedMinutes) !== null) add('paused', t('cases.due.paused'), t('cases.timeline.pausedMinutes', { time: formatWorkingTime(t, num(d.pausedMinutes)!, dayMinutes) }));
      text('note', t('cases.form.note'), d.note);
      break;
    case 'evaluate':
      add('satisfaction', t('cases.form.satisfaction'), str(d.satisfaction) && t(`cases.satisfaction.${String(d.satisfaction)}`));
      text('comment', t('cases.form.comment'), d.comment);
      break;
    case 'deadline':
      add('due', t('cases.field.deadline'), str(d.dueState) && t(`cases.due.${String(d.dueState)}`));
      add('level', t('cases.field.supervision'), str(d.supervisionLevel) && t(`cases.level.${String(d.supervisionLevel)}`));
      break;
    case 'rectification-plan':
      text('measures', t('cases.rect.measures'), d.measures);
      text('person', t('cases.rect.person'), d.responsiblePerson);
      add('office', t('cases.rect.office'), office(d.responsibleOfficeId));
      text('deadline', t('cases.rect.deadline'), d.deadline);
      add('status', t('cases.rect.status'), str(d.status) && t(`cases.rect.status.${String(d.status)}`));
      break;
    case 'rectification-progress':
      add('kind', str(d.week) ?? '', str(d.kind) && t(`cases.rect.kind.${String(d.kind)}`));
      text('note', t('cases.rect.note'), d.note);
      break;
    default:
      break;
  }
  return lines.length ? <div style={{ marginTop: 4 }}>{lines}</div> : null;
}

export function CaseTimeline({ events, officeLabel }: { events: readonly CaseEvent[]; officeLabel: (id: number | null) => string }) {
  const { t } = useI18n();
  if (events.length === 0) {
    return (
      <div data-testid="case-timeline">
        <Empty description={t('cases.timeline.empty')} />
      </div>
    );
  }
  const actor = (e: CaseEvent) => {
    if (e.actorUserId === null && e.actorName === 'public') return t('cases.timeline.requester');
    if (e.actorUserId === null && e.actorName !== '（保密）') return e.actorName || t('cases.timeline.system');
    return e.actorName;
  };
  return (
    <div data-testid="case-timeline">
      <Timeline
        items={events.map((e) => ({
          key: e.seq,
          color: COLORS[e.action] ?? 'blue',
          children: (
            <div data-testid={`timeline-${e.seq}`} data-action={e.action}>
              <div>
                <Typography.Text strong data-testid={`timeline-${e.seq}-name`}>
                  {eventLabel(t, e.action)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}
                </Typography.Text>
              </div>
              <div>
                <Typography.Text>{actor(e)}</Typography.Text>
                {e.actorOfficeId !== null && (
                  <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                    {officeLabel(e.actorOfficeId)}
                  </Typography.Text>
                )}
                {e.toStatus && e.fromStatus !== e.toStatus && (
                  <Tag style={{ marginLeft: 8 }} bordered={false}>
                    {e.fromStatus
                      ? t('cases.timeline.statusChange', { from: t(`cases.status.${e.fromStatus}`), to: t(`cases.status.${e.toStatus}`) })
                      : t(`cases.status.${e.toStatus}`)}
                  </Tag>
                )}
              </div>
              <EventDetails e={e} officeLabel={officeLabel} />
            </div>
          ),
        }))}
      />
    </div>
  );
}

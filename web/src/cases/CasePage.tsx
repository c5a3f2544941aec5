// One case: every field as the server shows it to this viewer, the deadline, the buttons for the
// actions open to them, the timeline, and the rectification ledger of an enterprise case.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { isApiError, useI18n, useLoad, useReportError } from '../shell';
import { casesApi, isHidden, type ActionResult, type CaseAction, type CaseTimelineView, type CaseView } from './api';
import { CaseActionDialog } from './CaseActionDialog';
import { CaseTimeline } from './CaseTimeline';
import { CaseAttachments } from './CaseAttachments';
import { DeadlineTag } from './DeadlineTag';
import { RectificationPanel } from './RectificationPanel';
import { useCategories, useOffices, useRegionName } from './reference';
import { PriorityTag, StatusTag, SupervisionTag, TypeTag } from './StatusTag';
import { RequesterText, channelText, outcomeText } from './RequesterText';
import { RequesterSteps } from './RequesterSteps';

const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
/** Labels stay on one line and a date never breaks, at 1280 px as at 1920; so two pairs share a row only from 1600 px (xxl). */
const TABLE_STYLES = { label: { whiteSpace: 'nowrap' as const } };
const Time = ({ at }: { at: string | null }) => <span style={{ whiteSpace: 'nowrap' }}>{fmt(at)}</span>;

export default function CasePage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const reportError = useReportError();
  const offices = useOffices();
  const categories = useCategories();
  const [view, setView] = useState<CaseView | null>(null);
  const regionName = useRegionName(view?.regionCode ?? null);
  const [timeline, setTimeline] = useState<CaseTimelineView | null>(null);
  const [hidden, setHidden] = useState<{ result: ActionResult; action: CaseAction } | null>(null);
  const [action, setAction] = useState<CaseAction | null>(null);
  const loaded = useLoad(
    async (signal) => {
      const [c, ev] = await Promise.all([casesApi.get(id, signal), casesApi.timeline(id, signal)]);
      return { c, ev };
    },
    [id],
    false,
  );
  const { reload } = loaded;

  useEffect(() => {
    if (loaded.data) {
      setView(loaded.data.c);
      setTimeline(loaded.data.ev);
      setHidden(null);
    }
  }, [loaded.data]);

  useEffect(() => {
    if (loaded.error && !(isApiError(loaded.error) && loaded.error.status === 404)) reportError(loaded.error);
  }, [loaded.error, reportError]);

  const onDone = useCallback(
    (result: ActionResult, done: CaseAction) => {
      if (isHidden(result)) {
        setHidden({ result, action: done });
        return;
      }
      setView(result);
      casesApi.timeline(result.id).then(setTimeline, reportError);
    },
    [reportError],
  );

  // Open actions as buttons, then those the case's state blocks, disabled, with the server's reason.
  const actions = useMemo(
    () => [
      ...(view?.actions ?? []).map((action) => ({ action, blocked: null as string | null })),
      ...(view?.blockedActions ?? []).map((b) => ({ action: b.action, blocked: lang === 'en' ? b.messageEn : b.messageZh })),
    ],
    [view, lang],
  );

  if (!Number.isInteger(id) || id < 1 || (loaded.error && isApiError(loaded.error) && loaded.error.status === 404)) {
    return (
      <div data-testid="case-not-found">
        <Result status="404" title={t('cases.page.notFound')} extra={<Button onClick={() => navigate('/cases')}>{t('cases.page.back')}</Button>} />
      </div>
    );
  }
  if (!view) return <Skeleton active />;
  if (hidden) {
    return (
      <div data-testid="case-left-sight">
        <Result
          status="success"
          title={view.code}
          subTitle={t('cases.leftSight', { action: t(`cases.action.${hidden.action}`) })}
          extra={<Button onClick={() => navigate(-1)}>{t('cases.page.back')}</Button>}
        />
      </div>
    );
  }

  const c = view;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="case-page">
      <Typography.Title level={3} className="qq-print-only" style={{ textAlign: 'center', margin: 0 }} data-testid="case-print-title">
        {t('cases.print.title', { code: c.code })}
      </Typography.Title>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Button type="text" className="qq-no-print" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('cases.page.back')} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              <span data-testid="case-code">{c.code}</span>
            </Typography.Title>
            <StatusTag status={c.status} testId="case-status" />
            <TypeTag type={c.type} />
            <PriorityTag priority={c.priority} />
            <SupervisionTag level={c.supervisionLevel} />
            {c.wasOverdue && <Tag color="red">{t('cases.field.wasOverdue')}</Tag>}
          </Space>
          <Space className="qq-no-print">
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="case-print">
              {t('cases.print.button')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.reload')} data-testid="case-reload" />
          </Space>
        </Space>
        <Typography.Title level={5} style={{ marginTop: 12 }} data-testid="case-title">
          {c.title}
        </Typography.Title>
        <div data-testid="case-actions" className="qq-no-print" style={{ marginTop: 8 }}>
          {actions.length === 0 ? (
            <Typography.Text type="secondary">{t('cases.page.noActions')}</Typography.Text>
          ) : (
            <Space wrap>
              {actions.map(({ action: a, blocked }) => {
                const button = (
                  <Button
                    key={a}
                    type={['dispatch', 'sign', 'reply', 'review', 'return-visit', 'evaluate'].includes(a) ? 'primary' : 'default'}
                    danger={a === 'return' || a === 'reopen'}
                    disabled={blocked !== null}
                    onClick={() => setAction(a)}
                    data-testid={`case-action-${a}`}
                  >
                    {t(`cases.action.${a}`)}
                  </Button>
                );
                return blocked ? (
                  <Tooltip key={a} title={blocked}>
                    <span>{button}</span>
                  </Tooltip>
                ) : (
                  button
                );
              })}
            </Space>
          )}
        </div>
      </Card>

      <Row gutter={[16, 16]} className="qq-print-stack">
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('cases.page.details')}>
              <Descriptions column={{ xs: 1, xxl: 2 }} size="small" bordered styles={TABLE_STYLES}>
                <Descriptions.Item label={t('cases.field.content')} span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }} data-testid="case-content">
                    {c.content}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.field.channel')}>{channelText(t, c.channel)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.priority')}>{t(`cases.priority.${c.priority}`)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.category')}>{categories.path(c.categoryId) ?? (c.categoryId ? `#${c.categoryId}` : '—')}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.region')}>{regionName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.address')} span={2}>
                  {c.address ?? '—'}
                </Descriptions.Item>
                {c.location && (
                  <Descriptions.Item label={t('cases.field.location')} span={2}>
                    <span data-testid="case-location">
                      {c.location.lat.toFixed(6)}, {c.location.long.toFixed(6)}
                    </span>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('cases.field.requester')} span={2}>
                  <RequesterText requester={c.requester} />
                  {c.confidential && !c.requester.hidden && (
                    <Tag color="orange" style={{ marginLeft: 8 }}>
                      {t('cases.field.confidential')}
                    </Tag>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.field.acceptedAt')}><Time at={c.acceptedAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.intakeOffice')}>{c.intakeOfficeName ?? offices.label(c.intakeOfficeId)}</Descriptions.Item>
                {c.mergedIntoId !== null && (
                  <Descriptions.Item label={t('cases.field.mergedInto')} span={2}>
                    <Link to={`/cases/${c.mergedIntoId}`} data-testid="case-merged-into">
                      #{c.mergedIntoId}
                    </Link>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            <Card title={t('cases.page.handling')}>
              <Descriptions column={{ xs: 1, xxl: 2 }} size="small" bordered styles={TABLE_STYLES}>
                <Descriptions.Item label={t('cases.field.deadline')} span={2}>
                  <DeadlineTag deadline={c.deadline} replyTime={c.replyTime} testId="case-deadline" />
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.field.leadOffice')}>
                  <span data-testid="case-lead-office">{c.leadOfficeName ?? (c.leadOfficeId === null ? '—' : offices.label(c.leadOfficeId))}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.field.assistingOffices')}>
                  {c.assistingOfficeNames.length ? c.assistingOfficeNames.join('、') : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.field.dispatchedAt')}><Time at={c.dispatchedAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.signedAt')}><Time at={c.signedAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.signDueAt')}><Time at={c.signDueAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.replyDueAt')}><Time at={c.replyDueAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.repliedAt')}><Time at={c.repliedAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.reviewedAt')}><Time at={c.reviewedAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.closedAt')}><Time at={c.closedAt} /></Descriptions.Item>
                <Descriptions.Item label={t('cases.field.extensionsGranted')}>{c.extensionsGranted}</Descriptions.Item>
                {c.pendingExtension && (
                  <Descriptions.Item label={t('cases.field.pendingExtension')} span={2}>
                    {t('cases.form.pendingExtension', { by: c.pendingExtension.requestedBy, days: c.pendingExtension.days, reason: c.pendingExtension.reason })}
                  </Descriptions.Item>
                )}
                {c.returnCount !== null && (
                  <Descriptions.Item label={t('cases.field.counts')} span={2}>
                    {c.returnCount} / {c.transferCount} / {c.reopenCount} / {c.escalationLevel}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('cases.field.reply')} span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }} data-testid="case-reply">
                    {c.reply ?? '—'}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.field.outcome')}>{outcomeText(t, c.outcome)}</Descriptions.Item>
                <Descriptions.Item label={t('cases.field.visit')}>
                  <span data-testid="case-visit">
                    {c.visit
                      ? `${t(`cases.contact.${c.visit.contact}`)}${c.visit.resolved !== null ? ` · ${t('cases.form.resolved')} ${c.visit.resolved ? t('common.yes') : t('common.no')}` : ''}${c.visit.satisfaction ? ` · ${t(`cases.satisfaction.${c.visit.satisfaction}`)}` : ''}${c.visit.note ? ` · ${c.visit.note}` : ''}`
                      : '—'}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('cases.field.evaluation')} span={2}>
                  {c.evaluation ? `${t(`cases.satisfaction.${c.evaluation.satisfaction}`)}${c.evaluation.comment ? ` · ${c.evaluation.comment}` : ''}` : '—'}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            {timeline && <CaseAttachments caseId={c.id} version={c.version} asRequester={timeline.audience === 'requester'} onAdded={reload} />}
            {c.requester.kind === 'enterprise' && <RectificationPanel caseView={c} onChanged={reload} />}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('cases.page.timeline')}>
            {!timeline ? (
              <Skeleton active />
            ) : timeline.audience === 'requester' ? (
              <RequesterSteps steps={timeline.items} testId="case-requester-timeline" />
            ) : (
              <CaseTimeline events={timeline.items} officeLabel={(id) => (id !== null && timeline.officeNames[id]) || offices.label(id)} />
            )}
          </Card>
        </Col>
      </Row>
      <CaseActionDialog target={view} action={action} onClose={() => setAction(null)} onDone={onDone} onStale={reload} />
    </Space>
  );
}

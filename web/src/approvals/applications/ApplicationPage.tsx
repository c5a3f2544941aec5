// One application for staff (the window, a department's reviewer, a leader): who applied for what,
// the buttons of the actions open to them, the materials, the stages and their branches, the clock
// and the timeline, its joint reviews (scheduled here). The one-time notice opens as a print view.
import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { hasAnyRole, isApiError, useI18n, useMe, useReportError } from '../../shell';
import { JointReviewsCard } from '../joint-reviews';
import type { ApplicationAction } from './api';
import { ActionButtons } from './ActionButtons';
import { AgencyNotice } from './AgencyNotice';
import { ActionDialog } from './ActionDialog';
import { ClockView, when } from './Clock';
import { MaterialsTable } from './Materials';
import { ResultView } from './Result';
import { StagesView } from './Stages';
import { ApplicationTimeline } from './Timeline';
import { ApplicationStatusTag, DueTag } from './tags';
import { useApplication } from './useApplication';

export default function ApplicationPage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const reportError = useReportError();
  const { view, events, error, reload, changed } = useApplication(id, true);
  const [action, setAction] = useState<ApplicationAction | null>(null);
  const notFound = !Number.isInteger(id) || id < 1 || (isApiError(error) && error.status === 404);
  useEffect(() => {
    if (error && !notFound) reportError(error);
  }, [error, notFound, reportError]);

  if (notFound) {
    return <div data-testid="application-not-found"><Result status="404" title={t('applications.notFound')} extra={<Button onClick={() => navigate('/approvals/applications')}>{t('applications.backToList')}</Button>} /></div>;
  }
  if (!view) return <Skeleton active />;
  const v = view;
  const printable = v.missing.length > 0 || v.noticeAt !== null;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="application-page">
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('applications.backToList')} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="application-item">{v.itemName}</Typography.Title>
            <ApplicationStatusTag status={v.status} testId="application-status" />
            {v.acceptedAt ? <DueTag state={v.clock?.state ?? v.dueState} /> : null}
            {v.greenChannel ? (
              <Tooltip title={v.greenChannelReason ? t('applications.greenBy', { by: v.greenChannelBy ?? '—', reason: v.greenChannelReason }) : null}>
                <Tag color="green" data-testid="application-green">{t('applications.green')}</Tag>
              </Tooltip>
            ) : null}
            <Tag>{t('applications.number', { id: v.id })}</Tag>
          </Space>
          <Space>
            {printable ? (
              <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/applications/${v.id}/notice`)} data-testid="print-notice">{t('applications.notice.print')}</Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.reload')} data-testid="application-reload" />
          </Space>
        </Space>
        {hasAnyRole(me.roles, ['window_agent']) ? <AgencyNotice view={v} agentUserId={me.id} /> : null}
        <div style={{ marginTop: 12 }}><ActionButtons view={v} onPick={setAction} /></div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('applications.page.details')}>
              <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small" bordered>
                <Descriptions.Item label={t('applications.field.applicant')}><span data-testid="application-applicant">{v.applicantName}</span></Descriptions.Item>
                <Descriptions.Item label={t('applications.field.kind')}>{t(`applications.kind.${v.applicantKind}`)}</Descriptions.Item>
                {v.applicantUscc ? <Descriptions.Item label={t('applications.field.uscc')}><span style={{ whiteSpace: 'nowrap' }}>{v.applicantUscc}</span></Descriptions.Item> : null}
                <Descriptions.Item label={t('applications.field.phone')}>{v.applicantPhone || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('applications.field.channel')}>{t(`applications.channel.${v.channel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('applications.field.owner')}><span data-testid="application-owner">{v.ownerDisplayName ?? v.ownerName ?? t('applications.field.noOwner')}</span></Descriptions.Item>
                <Descriptions.Item label={t('applications.field.receivedAt')}>{when(v.receivedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('applications.field.acceptedAt')}>{when(v.acceptedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('applications.field.noticeDue')}>{v.noticeAt ? `${when(v.noticeAt)}（${t('applications.field.noticeGiven')}）` : v.noticeDueDate}</Descriptions.Item>
                <Descriptions.Item label={t('applications.field.limits')}>{t('applications.limits', { committed: v.committedLimit, statutory: v.statutoryLimit })}</Descriptions.Item>
                {v.deficiencyPromise ? <Descriptions.Item label={t('applications.form.promise')} span={2}>{v.deficiencyPromise}</Descriptions.Item> : null}
                {v.supplementDueAt ? <Descriptions.Item label={t('applications.field.supplementDueAt')} span={2}>{when(v.supplementDueAt)}</Descriptions.Item> : null}
                {v.refusalReason ? <Descriptions.Item label={t('applications.field.refusalReason')} span={2}><Typography.Text type="danger">{v.refusalReason}</Typography.Text></Descriptions.Item> : null}
                {v.resultNumber ? <Descriptions.Item label={t('applications.field.resultNumber')} span={2}><span data-testid="application-result" style={{ whiteSpace: 'nowrap' }}>{v.resultNumber}</span></Descriptions.Item> : null}
                {v.delivery ? <Descriptions.Item label={t('applications.field.delivery')} span={2}><DeliveryText delivery={v.delivery} /></Descriptions.Item> : null}
              </Descriptions>
            </Card>
            <Card title={t('applications.page.materials')} extra={v.missing.length ? <Tag color="red" data-testid="missing-count">{t('applications.missingCount', { n: v.missing.length })}</Tag> : null}>
              <MaterialsTable view={v} />
            </Card>
            <Card title={t('applications.page.stages')}><StagesView stages={v.stages} /></Card>
            <JointReviewsCard applicationId={v.id} canSchedule={hasAnyRole(me.roles, ['window_agent', 'leader'])}
              departmentIds={[...new Set(v.stages.flatMap((s) => s.branches.map((b) => b.departmentId)))]} />
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('applications.page.clock')}><ClockView view={v} audience="staff" /></Card>
            {v.certificate || v.review ? <Card title={t('applications.page.result')}><ResultView view={v} /></Card> : null}
            <Card title={t('applications.page.timeline')}>{events ? <ApplicationTimeline events={events} /> : <Skeleton active />}</Card>
          </Space>
        </Col>
      </Row>
      <ActionDialog view={v} action={action} onClose={() => setAction(null)} onDone={(next) => { setAction(null); changed(next); }} onStale={reload} />
    </Space>
  );
}

export function DeliveryText({ delivery }: { delivery: unknown }) {
  const { t } = useI18n();
  const d = delivery as { method: 'in_person' | 'post' | 'pickup'; receipt?: string; trackingNumber?: string };
  return <span data-testid="application-delivery">{t(`applications.delivery.${d.method}`)}：{d.receipt ?? d.trackingNumber}</span>;
}

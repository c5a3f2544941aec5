// One of the enterprise's applications as the applicant reads it: one clear status and what to do,
// the materials, the progress of each stage by department, the promised date and any extension
// with its reason, the certificate and its review with the appeal a bad grade opened; and its own
// actions (supplement, supply what was asked, withdraw, review); its joint reviews and their
// report; and its timeline as the applicant may read it (the server's projection: offices by
// name, no staff notes or internal marks).
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError, useI18n, useReportError } from '../../shell';
import type { ApplicationAction } from './api';
import { ActionButtons } from './ActionButtons';
import { ActionDialog } from './ActionDialog';
import { applicantStatus } from './applicantStatus';
import { ClockView, when } from './Clock';
import { MaterialsTable } from './Materials';
import { ResultView } from './Result';
import { StagesView } from './Stages';
import { ApplicationTimeline } from './Timeline';
import { JointReviewsCard } from '../joint-reviews';
import { ApplicationStatusTag } from './tags';
import { DeliveryText } from './ApplicationPage';
import { useApplication } from './useApplication';

const APPLICANT_ACTIONS: readonly ApplicationAction[] = ['supplement', 'supply', 'supply-deficient', 'withdraw', 'review'];

export default function MyApplicationPage() {
  const id = Number(useParams().id);
  const { t } = useI18n();
  const navigate = useNavigate();
  const reportError = useReportError();
  const { view, events, error, reload, changed } = useApplication(id, true);
  const [action, setAction] = useState<ApplicationAction | null>(null);
  const notFound = !Number.isInteger(id) || id < 1 || (isApiError(error) && error.status === 404);
  useEffect(() => {
    if (error && !notFound) reportError(error);
  }, [error, notFound, reportError]);
  if (notFound) return <Result status="404" title={t('applications.notFound')} extra={<Button onClick={() => navigate('/my/applications')}>{t('applications.backToList')}</Button>} />;
  if (!view) return <Skeleton active />;
  const v = view;
  const s = applicantStatus(t, v);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="my-application-page">
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/my/applications')} aria-label={t('applications.backToList')} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="application-item">{v.itemName}</Typography.Title>
            <ApplicationStatusTag status={v.status} testId="application-status" />
          </Space>
          <Alert type={s.todo ? 'warning' : v.status === 'refused' ? 'error' : 'info'} showIcon message={<span data-testid="my-status-line">{s.text}</span>} />
          <ActionButtons view={v} only={APPLICANT_ACTIONS} onPick={setAction} />
        </Space>
      </Card>
      <Card title={t('applications.page.details')} size="small">
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small">
          <Descriptions.Item label={t('applications.field.number')}>{v.id}</Descriptions.Item>
          <Descriptions.Item label={t('applications.field.channel')}>{t(`applications.channel.${v.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('applications.field.receivedAt')}>{when(v.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('applications.field.acceptedAt')}>{when(v.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('applications.field.limits')}>{t('applications.limits', { committed: v.committedLimit, statutory: v.statutoryLimit })}</Descriptions.Item>
          {v.supplementDueAt ? <Descriptions.Item label={t('applications.field.supplementDueAt')}>{when(v.supplementDueAt)}</Descriptions.Item> : null}
          {v.resultNumber ? <Descriptions.Item label={t('applications.field.resultNumber')}><span data-testid="application-result">{v.resultNumber}</span></Descriptions.Item> : null}
          {v.delivery ? <Descriptions.Item label={t('applications.field.delivery')}><DeliveryText delivery={v.delivery} /></Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card title={t('applications.page.progress')} size="small"><StagesView stages={v.stages} /></Card>
      <JointReviewsCard applicationId={v.id} portal />
      <Card title={t('applications.page.clock')} size="small"><ClockView view={v} audience="applicant" /></Card>
      {v.certificate || v.review ? <Card title={t('applications.page.result')} size="small"><ResultView view={v} /></Card> : null}
      <Card title={t('applications.page.materials')} size="small"><MaterialsTable view={v} /></Card>
      <Card title={t('applications.page.timeline')} size="small">{events ? <ApplicationTimeline events={events} /> : <Skeleton active />}</Card>
      <ActionDialog view={v} action={action} onClose={() => setAction(null)} onDone={(next) => { setAction(null); changed(next); }} onStale={reload} />
    </Space>
  );
}

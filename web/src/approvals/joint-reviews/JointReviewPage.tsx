// One joint review or acceptance: when, where, who organised it; every invited department's
// verdict as it stands, the reader's own department's to record (and only that one); the joint
// outcome once the last is in; cancelling for the organiser; the A4 report to print.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Radio, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { errorText, hasAnyRole, isApiError, nameIn, useI18n, useLoad, useMe, useReportError } from '../../shell';
import { jointReviewsApi, VERDICTS, type JointReviewView, type Verdict, type VerdictView } from './api';
import { kindName, StandingTag, VerdictTag } from './tags';

const at = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

function VerdictDialog({ review, department, onClose, onDone }: { review: JointReviewView; department: VerdictView | null; onClose: () => void; onDone: (r: JointReviewView) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ verdict: Verdict; remarks?: string }>();
  const verdict = Form.useWatch('verdict', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setError(null), [department]);
  const submit = async (v: { verdict: Verdict; remarks?: string }) => {
    if (!department) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await jointReviewsApi.recordVerdict(review.id, { departmentId: department.officeId, verdict: v.verdict, ...(v.remarks?.trim() ? { remarks: v.remarks.trim() } : {}) }));
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={department !== null} title={t('jointReviews.recordTitle', { department: department?.officeName ?? '' })} onCancel={onClose} onOk={() => form.submit()}
      confirmLoading={busy} destroyOnClose okButtonProps={{ 'data-testid': 'verdict-submit' } as never}>
      {error ? <Typography.Paragraph type="danger" data-testid="joint-error">{error}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ verdict: 'pass' }} preserve={false}>
        <Form.Item name="verdict" label={t('jointReviews.verdict')}>
          <Radio.Group data-testid="verdict-choice">
            {(Object.keys(VERDICTS) as Verdict[]).map((k) => <Radio key={k} value={k} data-testid={`verdict-${k}`}>{nameIn(lang, VERDICTS[k])}</Radio>)}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="remarks" label={t('jointReviews.remarks')} extra={t('jointReviews.remarksHelp')}
          rules={[{ required: verdict !== undefined && verdict !== 'pass', whitespace: true, message: t('jointReviews.remarksRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} showCount data-testid="verdict-remarks" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function JointReviewPage({ portal = false }: { portal?: boolean }) {
  const id = Number(useParams().id);
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const reportError = useReportError();
  const { message } = App.useApp();
  const loaded = useLoad((signal) => jointReviewsApi.get(id, signal), [id], false);
  const [review, setReview] = useState<JointReviewView | null>(null);
  const [recording, setRecording] = useState<VerdictView | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.data) setReview(loaded.data);
  }, [loaded.data]);
  const notFound = !Number.isInteger(id) || id < 1 || (isApiError(loaded.error) && loaded.error.status === 404);
  useEffect(() => {
    if (loaded.error && !notFound) reportError(loaded.error);
  }, [loaded.error, notFound, reportError]);
  if (notFound) return <div data-testid="joint-not-found"><Result status="404" title={t('jointReviews.notFound')} /></div>;
  if (!review) return <Skeleton active />;
  const r = review;
  const mayRecord = r.actions.includes('record-verdict');
  const applicationPath = portal ? `/my/applications/${r.applicationId}` : hasAnyRole(me.roles, ['window_agent']) ? `/approvals/applications/${r.applicationId}` : null;
  const cancel = async () => {
    setBusy(true);
    setCancelError(null);
    try {
      setReview(await jointReviewsApi.cancel(r, reason.trim()));
      setCancelling(false);
      message.success(t('jointReviews.cancelled'));
    } catch (e) {
      setCancelError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="joint-review-page">
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('jointReviews.back')} />
            <Typography.Title level={4} style={{ margin: 0 }}>{kindName(r.kind, lang, true)}</Typography.Title>
            <StandingTag review={r} testId="joint-standing" />
          </Space>
          <Typography.Text data-testid="joint-item">{r.itemName}（{r.applicantName}）</Typography.Text>
          {r.cancelReason ? <Alert type="warning" showIcon message={t('jointReviews.cancelledBecause', { reason: r.cancelReason })} /> : null}
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(`/print/joint-reviews/${r.id}`)} data-testid="joint-print">{t('jointReviews.print')}</Button>
            {applicationPath ? <Button onClick={() => navigate(applicationPath)} data-testid="joint-application">{t('jointReviews.application')}</Button> : null}
            {r.actions.includes('cancel') ? (
              <Button danger onClick={() => { setCancelling(true); setCancelError(null); }} data-testid="joint-cancel">{t('jointReviews.cancel')}</Button>
            ) : null}
          </Space>
        </Space>
      </Card>
      <Card size="small">
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small">
          <Descriptions.Item label={t('jointReviews.scheduledAt')}><span data-testid="joint-at">{at(r.scheduledAt)}</span></Descriptions.Item>
          <Descriptions.Item label={t('jointReviews.place')}>{r.place}</Descriptions.Item>
          <Descriptions.Item label={t('jointReviews.organiser')}>{r.organiserOfficeName}（{r.organiserName}）</Descriptions.Item>
          {r.reportedAt ? <Descriptions.Item label={t('jointReviews.reportedAt')}>{at(r.reportedAt)}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card title={t('jointReviews.verdicts')} size="small">
        {mayRecord && r.verdicts.some((v) => v.mine && !v.verdict) ? <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('jointReviews.mineOnly')} /> : null}
        <List size="small" dataSource={r.verdicts} renderItem={(v) => (
          <List.Item key={v.officeId} data-testid={`verdict-row-${v.officeId}`} data-mine={v.mine}
            actions={mayRecord && v.mine && !v.verdict ? [
              <Button key="record" type="primary" size="small" onClick={() => setRecording(v)} data-testid={`verdict-record-${v.officeId}`}>{t('jointReviews.record')}</Button>,
            ] : []}>
            <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
              <Space wrap size={4}><Typography.Text strong>{v.officeName}</Typography.Text><VerdictTag verdict={v.verdict} testId={`verdict-${v.officeId}`} /></Space>
              {v.remarks ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid={`verdict-remarks-${v.officeId}`}>{v.remarks}</Typography.Text> : null}
              {v.recordedAt ? <Typography.Text type="secondary">{t('jointReviews.recordedLine', { by: v.recordedBy ?? '—', at: at(v.recordedAt) })}</Typography.Text> : null}
            </Space>
          </List.Item>
        )} />
      </Card>
      <VerdictDialog review={r} department={recording} onClose={() => setRecording(null)}
        onDone={(next) => { setRecording(null); setReview(next); message.success(t('jointReviews.recorded')); }} />
      <Modal open={cancelling} title={t('jointReviews.cancel')} onCancel={() => setCancelling(false)} onOk={cancel} confirmLoading={busy} destroyOnClose
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'joint-cancel-submit' } as never}>
        {cancelError ? <Typography.Paragraph type="danger" data-testid="joint-error">{cancelError}</Typography.Paragraph> : null}
        <Typography.Text>{t('jointReviews.cancelReason')}</Typography.Text>
        <Input.TextArea rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="joint-cancel-reason" />
      </Modal>
    </Space>
  );
}

// One visit: what was filed, approved and recorded; the actions open to the viewer; the printable visit code
// while it may be scanned; for the enterprise visited, its rating form and, once rated, its own rating.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Rate, Result, Space, Spin, Tag, Typography, type FormInstance } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { errorText, isApiError, useI18n, useLoad } from '../shell';
import { ESCALATION_REASON_NAMES, nameIn, VISIT_EXCEPTION_NAMES, VISIT_KIND_NAMES, visitsApi, type RatingInput } from './api';

const REASONED = ['refuse', 'revoke', 'cancel'];
/** Actions with a form of their own on this page (the rating) rather than a button. */
const OWN_FORMS = ['rate'];

export default function VisitPage() {
  const { id = '0' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const visit = useLoad((signal) => visitsApi.get(Number(id), signal), [id], false);
  const [reasonFor, setReasonFor] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [ratingForm] = Form.useForm<RatingInput>();
  const complaint = Form.useWatch('complaint', ratingForm);

  if (visit.loading && !visit.data) return <Spin />;
  if (!visit.data) return <Result status={isApiError(visit.error) && visit.error.status === 404 ? '404' : 'error'} subTitle={isApiError(visit.error) ? visit.error.message : t('error.unexpected')} />;
  const v = visit.data;
  const act = async (action: string, body: Record<string, unknown> = {}) => {
    setBusy(true);
    try {
      visit.setData(await visitsApi.act(v.id, action, action === 'report-filing' ? body : { version: v.version, ...body }));
      message.success(t('visits.saved'));
      setReasonFor(null);
    } catch (err) {
      message.error(errorText(err, t('error.unexpected')));
      visit.reload();
    } finally {
      setBusy(false);
    }
  };
  const rate = async (r: RatingInput) => {
    setBusy(true);
    try {
      visit.setData(await visitsApi.rate(v.id, v.version, { ...r, complaint: !!r.complaint }));
      message.success(t('visits.saved'));
    } catch (err) {
      message.error(errorText(err, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="visit-page">
      <Card
        title={<Space wrap><span>{v.enterpriseName}</span><Tag data-testid="visit-status">{nameIn(lang, v.statusName)}</Tag>{v.unscanned && <Tag color="red">{t('visits.flagged.unscanned')}</Tag>}{v.filingLate && <Tag color="red">{t('visits.flagged.late')}</Tag>}</Space>}
        extra={<Space wrap>{v.actions.filter((a) => !OWN_FORMS.includes(a)).map((a) => (
          <Button key={a} loading={busy} data-testid={`visit-action-${a}`} danger={REASONED.includes(a)} type={a.startsWith('approve') ? 'primary' : 'default'}
            onClick={() => (REASONED.includes(a) ? setReasonFor(a) : act(a))}>{t(`visits.action.${a}`)}</Button>
        ))}</Space>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="visit-details">
          <Descriptions.Item label={t('visits.field.office')}>{v.officeName}</Descriptions.Item>
          <Descriptions.Item label={t('visits.field.uscc')}><Link to={`/enterprises/${v.uscc}`}>{v.uscc}</Link></Descriptions.Item>
          <Descriptions.Item label={t('visits.field.plannedDate')}>{v.plannedDate}（{v.inServiceWeek ? t('visits.assess.inWeek') : t('visits.assess.outWeek')}）</Descriptions.Item>
          <Descriptions.Item label={t('visits.field.kind')}>{nameIn(lang, VISIT_KIND_NAMES[v.kind])}</Descriptions.Item>
          <Descriptions.Item label={t('visits.field.purpose')}>{v.purpose}</Descriptions.Item>
          <Descriptions.Item label={t('visits.field.team')}>{v.members.join('、')}</Descriptions.Item>
          {v.escalation.length > 0 && <Descriptions.Item label={t('visits.field.escalation')}>{v.escalation.map((e) => nameIn(lang, ESCALATION_REASON_NAMES[e])).join('、')}</Descriptions.Item>}
          {v.exception && <Descriptions.Item label={t('visits.field.exception')}>{nameIn(lang, VISIT_EXCEPTION_NAMES[v.exception])}：{v.exceptionReason}</Descriptions.Item>}
          {v.emergency && <Descriptions.Item label={t('visits.field.emergencyReason')}>{v.emergencyReason}</Descriptions.Item>}
          {v.filingDueOn && <Descriptions.Item label={t('visits.field.filingDueOn')}>{v.filingDueOn}{v.filedAt && `（${t('visits.field.filedAt')} ${dayjs(v.filedAt).format('YYYY-MM-DD')}）`}</Descriptions.Item>}
          {v.scannedAt && <Descriptions.Item label={t('visits.field.scannedAt')}>{dayjs(v.scannedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>}
          {v.jointVisitId && <Descriptions.Item label={t('visits.field.joint')}>#{v.jointVisitId}</Descriptions.Item>}
        </Descriptions>
      </Card>

      {v.code && (
        <Card title={t('visits.code.title')} className="visit-code-card" extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('visits.code.print')}</Button>}>
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <Typography.Title level={4}>{v.enterpriseName} · {v.plannedDate}</Typography.Title>
            <img src={`/api/visits/${v.id}/qr.svg`} alt={t('visits.code.title')} width={240} height={240} data-testid="visit-qr" />
            <Typography.Paragraph type="secondary">{t('visits.code.hint')}</Typography.Paragraph>
            <Typography.Link href={v.codeUrl!} data-testid="visit-code-link" copyable={{ text: v.codeUrl! }} style={{ wordBreak: 'break-all' }}>{t('visits.public.link')}</Typography.Link>
          </Space>
        </Card>
      )}

      {v.actions.includes('rate') && <RateCard form={ratingForm} complaint={!!complaint} onSubmit={rate} busy={busy} />}
      {v.rating && (
        <Card title={t('visits.rate.mine')} data-testid="visit-my-rating">
          <Space direction="vertical">
            <span>{t('visits.rate.conduct')}：<Rate disabled value={v.rating.conduct} /></span>
            <span>{t('visits.rate.burden')}：<Rate disabled value={v.rating.burden} /></span>
            <span>{t('visits.rate.usefulness')}：<Rate disabled value={v.rating.usefulness} /></span>
            {v.rating.comment && <span>{v.rating.comment}</span>}
            {v.rating.complaint && <span>{t('visits.rate.complaintText')}：{v.rating.complaintText}</span>}
          </Space>
        </Card>
      )}

      <Modal open={reasonFor !== null} title={reasonFor ? t(`visits.action.${reasonFor}`) : ''} onCancel={() => setReasonFor(null)} okButtonProps={{ disabled: !reason.trim(), loading: busy, 'data-testid': 'visit-reason-ok' } as never}
        onOk={() => reasonFor && act(reasonFor, { reason })}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('visits.reason')} data-testid="visit-reason" />
      </Modal>
    </Space>
  );
}

function RateCard({ form, complaint, onSubmit, busy }: { form: FormInstance<RatingInput>; complaint: boolean; onSubmit: (r: RatingInput) => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Card title={t('visits.rate.title')} data-testid="visit-rate">
      <Form form={form} layout="vertical" onFinish={onSubmit} initialValues={{ conduct: 5, burden: 5, usefulness: 5, complaint: false }} style={{ maxWidth: 560 }}>
        <Form.Item name="conduct" label={t('visits.rate.conduct')} rules={[{ required: true }]}><Rate data-testid="rate-conduct" /></Form.Item>
        <Form.Item name="burden" label={t('visits.rate.burden')} rules={[{ required: true }]}><Rate data-testid="rate-burden" /></Form.Item>
        <Form.Item name="usefulness" label={t('visits.rate.usefulness')} rules={[{ required: true }]}><Rate data-testid="rate-usefulness" /></Form.Item>
        <Form.Item name="comment" label={t('visits.rate.comment')}><Input.TextArea rows={2} maxLength={2000} data-testid="rate-comment" /></Form.Item>
        <Form.Item name="complaint" valuePropName="checked"><Checkbox data-testid="rate-complaint">{t('visits.rate.complaint')}</Checkbox></Form.Item>
        {complaint && <Form.Item name="complaintText" label={t('visits.rate.complaintText')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} data-testid="rate-complaint-text" /></Form.Item>}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="rate-submit">{t('visits.rate.submit')}</Button>
      </Form>
    </Card>
  );
}

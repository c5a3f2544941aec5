// Filing a visit (报备): the enterprise, the date — with the month's service week, whether the date needs
// the escalated approval and the places left this year, told as the form is filled in —, kind, purpose, members.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { applyFieldErrors, beijingToday, errorText, useI18n } from '../shell';
import { ESCALATION_REASON_NAMES, nameIn, VISIT_EXCEPTION_NAMES, VISIT_EXCEPTIONS, VISIT_KIND_NAMES, VISIT_KINDS, visitsApi, type VisitAssessment, type VisitKind } from './api';

interface Values { uscc: string; plannedDate: Dayjs; kind: VisitKind; purpose: string; members: string; exception?: string; exceptionReason?: string; emergencyReason?: string }

export default function VisitFormPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const uscc = Form.useWatch('uscc', form);
  const date = Form.useWatch('plannedDate', form);
  const exception = Form.useWatch('exception', form);
  const emergency = Form.useWatch('emergencyReason', form);
  const [assessment, setAssessment] = useState<VisitAssessment | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setAssessment(null);
    if (!uscc || uscc.trim().length !== 18 || !date) return;
    const ctrl = new AbortController();
    visitsApi.assess({ uscc: uscc.trim().toUpperCase(), plannedDate: date.format('YYYY-MM-DD'), exception, emergency: !!emergency?.trim() || undefined }, ctrl.signal)
      .then(setAssessment).catch(() => setAssessment(null));
    return () => ctrl.abort();
  }, [uscc, date, exception, emergency]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const visit = await visitsApi.file({
        uscc: v.uscc.trim().toUpperCase(), plannedDate: v.plannedDate.format('YYYY-MM-DD'), kind: v.kind, purpose: v.purpose,
        members: v.members.split(/[,，、]/).map((m) => m.trim()).filter(Boolean),
        ...(v.exception ? { exception: v.exception, exceptionReason: v.exceptionReason } : {}), ...(v.emergencyReason?.trim() ? { emergencyReason: v.emergencyReason } : {}),
      });
      message.success(t('visits.saved'));
      navigate(`/visits/${visit.id}`);
    } catch (err) {
      if (!applyFieldErrors(form, err)) message.error(errorText(err, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('visits.new')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'service', plannedDate: dayjs(beijingToday()) }} style={{ maxWidth: 640 }} data-testid="visit-form">
        <Form.Item name="uscc" label={t('visits.field.uscc')} rules={[{ required: true, len: 18 }]}><Input data-testid="visit-uscc" maxLength={18} /></Form.Item>
        <Form.Item name="plannedDate" label={t('visits.field.plannedDate')} rules={[{ required: true }]}><DatePicker data-testid="visit-date" /></Form.Item>
        {assessment && (
          <Alert style={{ marginBottom: 16 }} type={assessment.refusal ? 'error' : assessment.escalation.length ? 'warning' : 'success'} data-testid="visit-assessment"
            message={<Space direction="vertical" size={2}>
              <span>{t('visits.assess.serviceWeek', { days: assessment.serviceWeek.join('、') })}</span>
              <span>{assessment.inServiceWeek ? t('visits.assess.inWeek') : t('visits.assess.outWeek')}</span>
              {assessment.escalation.length > 0 && <span>{t('visits.field.escalation')}：{assessment.escalation.map((e) => <Tag key={e} color="orange">{nameIn(lang, ESCALATION_REASON_NAMES[e])}</Tag>)}</span>}
              <span data-testid="visit-remaining">{t('visits.assess.remaining', { n: assessment.remaining, limit: assessment.limit })}</span>
              {assessment.provisional && <span>{t('visits.assess.provisional')}</span>}
              {assessment.refusal && <strong>{lang === 'en' ? assessment.refusal.en : assessment.refusal.zh}</strong>}
            </Space>} />
        )}
        <Form.Item name="kind" label={t('visits.field.kind')} rules={[{ required: true }]}>
          <Select data-testid="visit-kind" options={VISIT_KINDS.map((k) => ({ value: k, label: nameIn(lang, VISIT_KIND_NAMES[k]) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('visits.field.purpose')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} maxLength={2000} data-testid="visit-purpose" /></Form.Item>
        <Form.Item name="members" label={t('visits.field.members')} rules={[{ required: true, whitespace: true }]}><Input data-testid="visit-members" /></Form.Item>
        <Form.Item name="exception" label={t('visits.field.exception')}>
          <Select allowClear data-testid="visit-exception" options={VISIT_EXCEPTIONS.map((e) => ({ value: e, label: nameIn(lang, VISIT_EXCEPTION_NAMES[e]) }))} />
        </Form.Item>
        {exception && <Form.Item name="exceptionReason" label={t('visits.field.exceptionReason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={2} /></Form.Item>}
        <Form.Item name="emergencyReason" label={t('visits.field.emergencyReason')}><Input.TextArea rows={2} data-testid="visit-emergency" /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="visit-submit">{t('visits.submit')}</Button>
      </Form>
    </Card>
  );
}

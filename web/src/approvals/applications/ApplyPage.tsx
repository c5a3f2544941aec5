// Applying online for the enterprise's own code: pick a published item, tick the materials the
// enterprise submits, and send; the server fills the enterprise's code in from the log-in.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText, useI18n, useMe } from '../../shell';
import type { ServiceGuide } from '../api';
import { applicationsApi } from './api';
import { ItemPicker } from './ItemPicker';
import { MaterialsChecklist } from './Materials';
import { MissingSummary } from './IntakePage';

export default function ApplyPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [guide, setGuide] = useState<ServiceGuide | null>(null);
  const [ticked, setTicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; phone?: string }>();

  const submit = async (v: { name: string; phone?: string }) => {
    if (!guide) return;
    setBusy(true);
    setError(null);
    try {
      const created = await applicationsApi.create({
        serviceItemId: guide.itemId, applicant: { kind: 'enterprise', name: v.name.trim(), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) }, materialIds: ticked,
      });
      navigate(`/my/applications/${created.id}`);
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="apply-page">
      <Card title={t('applications.intake.itemStep')}><ItemPicker picked={guide} onPick={(g) => { setGuide(g); setTicked([]); }} /></Card>
      <Card title={t('applications.apply.materialsStep')}>
        {guide ? (
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            <MaterialsChecklist materials={guide.materials} value={ticked} onChange={setTicked} />
            <MissingSummary guide={guide} ticked={ticked} />
          </Space>
        ) : <Empty description={t('applications.intake.pickFirst')} />}
      </Card>
      <Card title={t('applications.apply.applicantStep')}>
        <Form form={form} layout="vertical" initialValues={{ name: me.name }} onFinish={submit}>
          <Form.Item name="name" label={t('applications.field.enterpriseName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('applications.field.enterpriseName') }) }]}>
            <Input maxLength={200} data-testid="apply-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('applications.field.phone')}><Input maxLength={30} data-testid="apply-phone" /></Form.Item>
          <Typography.Paragraph type="secondary">{t('applications.apply.ownCode')}</Typography.Paragraph>
          {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="apply-error" /> : null}
          <Button type="primary" htmlType="submit" block size="large" disabled={!guide} loading={busy} data-testid="apply-submit">{t('applications.apply.submit')}</Button>
        </Form>
      </Card>
    </Space>
  );
}

// The one window (一窗受理, 综合窗口): pick a published item of any department, the applicant (an
// enterprise by its checked USCC, or a citizen), tick the materials received against the item
// version's checklist, and take the application in; its page follows.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Row, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText, useI18n, useLoad } from '../../shell';
import { officesApi } from '../../offices';
import type { ServiceGuide } from '../api';
import { applicationsApi, normaliseUscc } from './api';
import { ApplicantFields, type ApplicantValues } from './ApplicantFields';
import { ItemPicker } from './ItemPicker';
import { MaterialsChecklist } from './Materials';

/** What is missing of a checklist given what was ticked: the required ones, and those of them the item lets come later. */
export function missingOf(guide: ServiceGuide | null, ticked: readonly number[]) {
  const missing = (guide?.materials ?? []).filter((m) => m.required && !ticked.includes(m.id));
  return { missing, deficiency: missing.filter((m) => m.deficiency) };
}

export function MissingSummary({ guide, ticked }: { guide: ServiceGuide | null; ticked: readonly number[] }) {
  const { t } = useI18n();
  const { missing, deficiency } = missingOf(guide, ticked);
  if (!guide) return null;
  if (!missing.length) return <Alert type="success" showIcon message={t('applications.intake.complete')} data-testid="intake-complete" />;
  return (
    <Alert type="warning" showIcon data-testid="intake-missing"
      message={t('applications.intake.missing', { n: missing.length, deficiency: deficiency.length })}
      description={<Space size={[4, 4]} wrap>{missing.map((m) => <Tag key={m.id} color={m.deficiency ? 'gold' : 'red'}>{m.name}</Tag>)}</Space>} />
  );
}

export default function IntakePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplicantValues>();
  const departments = useLoad(async (signal) => (await officesApi.list(signal)).filter((o) => o.kind === 'department' || o.kind === 'county_platform'), []);
  const [guide, setGuide] = useState<ServiceGuide | null>(null);
  const [ticked, setTicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo<ApplicantValues>(() => ({ kind: 'enterprise', name: '' }), []);

  const pick = (g: ServiceGuide | null) => {
    setGuide(g);
    setTicked([]);
  };

  const submit = async (v: ApplicantValues) => {
    if (!guide) return;
    setBusy(true);
    setError(null);
    try {
      const created = await applicationsApi.create({
        serviceItemId: guide.itemId,
        applicant: { kind: v.kind, name: v.name.trim(), ...(v.kind === 'enterprise' ? { uscc: normaliseUscc(v.uscc ?? '') } : {}), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) },
        materialIds: ticked,
      });
      navigate(`/approvals/applications/${created.id}`);
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[16, 16]} data-testid="intake-page">
      <Col xs={24} xl={12}>
        <Card title={t('applications.intake.itemStep')}>
          <ItemPicker departments={departments.data} picked={guide} onPick={pick} />
        </Card>
        <Card title={t('applications.intake.applicantStep')} style={{ marginTop: 16 }}>
          <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} id="intake-form">
            <ApplicantFields form={form} />
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('applications.intake.materialsStep')} extra={guide ? <Typography.Text type="secondary">{t('applications.intake.ticked', { n: ticked.length, total: guide.materials.length })}</Typography.Text> : null}>
          {guide ? (
            <Space direction="vertical" style={{ width: '100%' }} size={16}>
              <MaterialsChecklist materials={guide.materials} value={ticked} onChange={setTicked} />
              <MissingSummary guide={guide} ticked={ticked} />
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('applications.intake.afterwards')}</Typography.Paragraph>
            </Space>
          ) : <Empty description={t('applications.intake.pickFirst')} />}
        </Card>
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} data-testid="intake-error" /> : null}
        <Button type="primary" size="large" block style={{ marginTop: 16 }} disabled={!guide} loading={busy} htmlType="submit" form="intake-form" data-testid="intake-submit">
          {t('applications.intake.submit')}
        </Button>
      </Col>
    </Row>
  );
}

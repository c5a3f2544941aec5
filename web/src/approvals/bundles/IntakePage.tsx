// The one window takes a bundle (一件事): pick the bundle, the applicant, tick the merged checklist
// (a shared material once); the bundle application's page follows.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Row, Select, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { errorText, useI18n, useLoad } from '../../shell';
import { normaliseUscc } from '../applications/api';
import { ApplicantFields, type ApplicantValues } from '../applications/ApplicantFields';
import { bundlesApi } from './api';
import { MergedChecklist, missingKeys } from './Checklist';

export default function BundleIntakePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplicantValues>();
  const bundles = useLoad((signal) => bundlesApi.list(signal), []);
  const [bundleId, setBundleId] = useState<number | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo<ApplicantValues>(() => ({ kind: 'enterprise', name: '' }), []);
  const bundle = bundles.data?.find((b) => b.id === bundleId) ?? null;
  const missing = bundle ? missingKeys(bundle.checklist, ticked) : [];

  const submit = async (v: ApplicantValues) => {
    if (!bundle) return;
    setBusy(true);
    setError(null);
    try {
      const created = await bundlesApi.create({
        bundleId: bundle.id, materialKeys: ticked,
        applicant: { kind: v.kind, name: v.name.trim(), ...(v.kind === 'enterprise' ? { uscc: normaliseUscc(v.uscc ?? '') } : {}), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) },
      });
      navigate(`/approvals/bundles/applications/${created.id}`);
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={[16, 16]} data-testid="bundle-intake-page">
      <Col xs={24} xl={12}>
        <Card title={t('bundles.pick')}>
          <Select style={{ width: '100%' }} loading={bundles.loading} value={bundleId} data-testid="bundle-pick"
            onChange={(id: number) => { setBundleId(id); setTicked([]); }} options={(bundles.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
          {bundle ? (
            <Space direction="vertical" style={{ marginTop: 12 }}>
              <Typography.Text>{t('bundles.items', { n: bundle.items.length })}</Typography.Text>
              <Space size={[4, 4]} wrap>{bundle.items.map((i) => <Tag key={i.serviceItemId}>{i.name}（{i.officeName}，{i.committedLimit}/{i.statutoryLimit}）</Tag>)}</Space>
              <Typography.Text type="secondary">{t('bundles.days', bundle.committedDays)}</Typography.Text>
            </Space>
          ) : null}
        </Card>
        <Card title={t('applications.intake.applicantStep')} style={{ marginTop: 16 }}>
          <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} id="bundle-intake-form">
            <ApplicantFields form={form} />
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('bundles.checklist')}>
          {bundle ? (
            <Space direction="vertical" style={{ width: '100%' }} size={16}>
              <MergedChecklist checklist={bundle.checklist} value={ticked} onChange={setTicked} />
              {missing.length
                ? <Alert type="warning" showIcon data-testid="bundle-missing" message={t('bundles.missing', { n: missing.length })}
                  description={<Space size={[4, 4]} wrap>{missing.map((m) => <Tag key={m.key} color={m.deficiency ? 'gold' : 'red'}>{m.name}</Tag>)}</Space>} />
                : <Alert type="success" showIcon message={t('bundles.complete')} />}
            </Space>
          ) : <Empty description={t('applications.intake.pickFirst')} />}
        </Card>
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} data-testid="bundle-intake-error" /> : null}
        <Button type="primary" size="large" block style={{ marginTop: 16 }} disabled={!bundle} loading={busy} htmlType="submit" form="bundle-intake-form" data-testid="bundle-intake-submit">
          {t('bundles.submit')}
        </Button>
      </Col>
    </Row>
  );
}

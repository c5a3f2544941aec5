// The public certificate check (证照核验) at /verify/:code — what the QR code on a certificate
// opens — and at /verify a form to paste a code or link. Without log-in, readable at phone width:
// valid with what the certificate says, revoked with when and why, or why the code is refused.
// A valid certificate's holder may rate the service once (好差评) right here.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Result, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { errorText, useI18n, useLoad } from '../../shell';
import { PublicLayout } from '../../public';
import { certificatesApi, codeFrom, RESULT_KINDS, type CertificateView } from './api';
import { ReviewForm } from './ReviewForm';

function CertificateDetails({ c }: { c: CertificateView }) {
  const { t, lang } = useI18n();
  return (
    <Descriptions column={1} size="small" bordered data-testid="certificate">
      <Descriptions.Item label={t('results.kind')}>{lang === 'en' ? RESULT_KINDS[c.kind].en : RESULT_KINDS[c.kind].zh}</Descriptions.Item>
      <Descriptions.Item label={t('results.number')}><Typography.Text strong style={{ wordBreak: 'break-all' }} data-testid="certificate-number">{c.number}</Typography.Text></Descriptions.Item>
      <Descriptions.Item label={t('results.holder')}>{c.holder.name}{c.holder.uscc ? <div style={{ wordBreak: 'break-all' }}>{c.holder.uscc}</div> : null}</Descriptions.Item>
      <Descriptions.Item label={t('results.item')}>{c.itemName}</Descriptions.Item>
      <Descriptions.Item label={t('results.department')}>{c.issuingDepartment}</Descriptions.Item>
      <Descriptions.Item label={t('results.issuedAt')}>{new Date(c.issuedAt).toLocaleDateString(lang === 'en' ? 'en' : 'zh-CN')}</Descriptions.Item>
      <Descriptions.Item label={t('results.validUntil')}>{c.validUntil ?? t('results.noLimit')}</Descriptions.Item>
    </Descriptions>
  );
}

function CheckResult({ code }: { code: string }) {
  const { t } = useI18n();
  const [reviewed, setReviewed] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const check = useLoad((signal) => certificatesApi.check(code, signal), [code, reviewed], false);
  const r = check.data;
  if (check.error) return <Alert type="error" showIcon message={errorText(check.error, t('results.refused'))} />;
  if (!r) return <Card loading />;
  if (r.status === 'refused') {
    return <Result status="error" title={t('results.refused')} subTitle={<span data-testid="check-refusal">{r.message}</span>} />;
  }
  if (r.status === 'revoked') {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Result status="warning" title={<span data-testid="check-status">{t('results.revoked')}</span>}
          subTitle={t('results.revokedOn', { date: new Date(r.revokedAt).toLocaleDateString('zh-CN'), reason: r.reason })} />
        <CertificateDetails c={r.certificate} />
      </Space>
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Result status="success" title={<span data-testid="check-status">{t('results.valid')}</span>} subTitle={t('results.validNote')} style={{ padding: '16px 0' }} />
      <CertificateDetails c={r.certificate} />
      <Card size="small" title={t('results.review.title')}>
        {r.reviewOpen ? (
          <>
            {failure ? <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} /> : null}
            <ReviewForm onSubmit={async (review) => {
              try {
                await certificatesApi.review(code, review);
                setReviewed(true);
              } catch (e) {
                setFailure(errorText(e, t('results.refused')));
              }
            }} />
          </>
        ) : <Typography.Text data-testid="review-done">{t('results.review.done')}</Typography.Text>}
      </Card>
    </Space>
  );
}

export default function VerifyPage() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  const navigate = useNavigate();
  const [pasted, setPasted] = useState('');
  return (
    <PublicLayout>
      <Space direction="vertical" style={{ width: '100%', maxWidth: 640, margin: '0 auto' }} size="middle">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('results.title')}</Typography.Title>
        <Card size="small">
          <Space.Compact style={{ width: '100%' }}>
            <Input value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder={t('results.paste')} data-testid="verify-input"
              onPressEnter={() => codeFrom(pasted) && navigate(`/verify/${codeFrom(pasted)}`)} />
            <Button type="primary" disabled={!codeFrom(pasted)} onClick={() => navigate(`/verify/${codeFrom(pasted)}`)} data-testid="verify-submit">{t('results.check')}</Button>
          </Space.Compact>
        </Card>
        {code ? <CheckResult key={code} code={code} /> : <Typography.Paragraph type="secondary">{t('results.intro')}</Typography.Paragraph>}
      </Space>
    </PublicLayout>
  );
}

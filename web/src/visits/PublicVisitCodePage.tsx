// The visit code's public page (入企码核验), as the QR code's link opens it on a phone: whether the code is
// valid, the visit it belongs to, and the button the enterprise presses on arrival. Logged in as the
// enterprise visited, the scan is recorded as its own.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Result, Space, Spin } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { errorText, useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public';
import { codeFrom, nameIn, VISIT_KIND_NAMES, visitsApi, type PublicVisit } from './api';

export default function PublicVisitCodePage() {
  const { code = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const check = useLoad((signal) => (code ? visitsApi.checkCode(code, signal) : Promise.resolve(null)), [code], false);
  const [scanned, setScanned] = useState<PublicVisit | null>(null);
  const [busy, setBusy] = useState(false);
  const scan = async () => {
    setBusy(true);
    try {
      setScanned((await visitsApi.scan(code)).visit);
    } catch (err) {
      message.error(errorText(err, t('error.unexpected')));
      check.reload();
    } finally {
      setBusy(false);
    }
  };
  const details = (v: PublicVisit) => (
    <Descriptions column={1} size="small" bordered data-testid="visit-code-details">
      <Descriptions.Item label={t('visits.field.office')}>{v.officeName}</Descriptions.Item>
      <Descriptions.Item label={t('visits.field.enterprise')}>{v.enterpriseName}</Descriptions.Item>
      <Descriptions.Item label={t('visits.field.plannedDate')}>{v.plannedDate}</Descriptions.Item>
      <Descriptions.Item label={t('visits.field.kind')}>{nameIn(lang, VISIT_KIND_NAMES[v.kind])}</Descriptions.Item>
      <Descriptions.Item label={t('visits.field.purpose')}>{v.purpose}</Descriptions.Item>
      <Descriptions.Item label={t('visits.field.team')}>{v.members.join('、')}</Descriptions.Item>
    </Descriptions>
  );
  const c = check.data;
  return (
    <PublicLayout width={560}>
      <Card title={t('visits.public.title')} data-testid="visit-code-page">
        {!code && <Input.Search enterButton={t('visits.scan.open')} placeholder={t('visits.scan.paste')} aria-label={t('visits.scan.paste')} onSearch={(s) => s.trim() && navigate(`/public/visit-codes/${encodeURIComponent(codeFrom(s))}`)} />}
        {code && check.loading && !c && <Spin />}
        {scanned && <Space direction="vertical" style={{ width: '100%' }} data-testid="visit-code-scanned"><Result status="success" title={t('visits.public.scanned')} />{details(scanned)}</Space>}
        {!scanned && c && c.valid && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="success" showIcon message={t('visits.public.valid')} data-testid="visit-code-valid" />
            {details(c.visit)}
            <Button type="primary" block size="large" loading={busy} onClick={scan} data-testid="visit-code-scan">{t('visits.public.scan')}</Button>
          </Space>
        )}
        {!scanned && c && !c.valid && <Alert type="error" showIcon message={t('visits.public.invalid')} description={lang === 'en' ? c.messageEn : c.messageZh} data-testid="visit-code-invalid" />}
        {!c && check.error !== undefined && <Alert type="error" message={errorText(check.error, t('error.unexpected'))} />}
      </Card>
    </PublicLayout>
  );
}

// A citizen raises an appeal without an account (群众诉求): the kind of appeal asked plainly (a
// link may preset it: /public/appeal?type=complaint), where it is (an address, the phone's
// position), photos or documents, and why a phone number helps. The code and the lookup secret
// are shown once, with a warning to keep the secret; the files follow with that secret.
import { useRef, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Result, Row, Space, Switch, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { applyFieldErrors, errorText, refusedFilesText, sendFiles, useI18n } from '../shell';
import { FilePicker } from '../shell/FilePicker';
import { RegionSelect } from '../regions';
import { newIdempotencyKey, publicApi, PUBLIC_TYPES, type GeoPoint, type PublicAppealReceipt, type PublicType } from './api';
import { PublicLayout } from './PublicLayout';

/** Most files a citizen sends with the form (the case holds more, added later by staff). */
const MAX_PUBLIC_FILES = 5;

interface Values {
  type: PublicType;
  title: string;
  content: string;
  address?: string;
  regionCode?: string | null;
  kind: 'person' | 'anonymous';
  name?: string;
  phone?: string;
  confidential: boolean;
  files?: File[];
}

const FIELDS = {
  invalid_title: 'title',
  invalid_content: 'content',
  unknown_region: 'regionCode',
  requester_name_required: 'name',
  invalid_phone: 'phone',
};

export default function PublicAppealPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<PublicAppealReceipt | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const kind = Form.useWatch('kind', form);
  const [params] = useSearchParams();
  const preset = PUBLIC_TYPES.find((c) => c === params.get('type')) ?? 'help';
  const [location, setLocation] = useState<GeoPoint | null>(null);
  const [locating, setLocating] = useState<string | null>(null);
  const [fileProblems, setFileProblems] = useState<string | null>(null);

  const locate = () => {
    if (!navigator.geolocation) return setLocating(t('public.appeal.location.unavailable'));
    setLocating(t('public.appeal.location.finding'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocation({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, long: Math.round(p.coords.longitude * 1e6) / 1e6 });
        setLocating(null);
      },
      () => setLocating(t('public.appeal.location.refused')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      type: v.type,
      title: v.title.trim(),
      content: v.content.trim(),
      address: v.address?.trim() || null,
      location,
      regionCode: v.regionCode ?? null,
      requester: v.kind === 'anonymous' ? { kind: 'anonymous' as const } : { kind: 'person' as const, name: v.name?.trim() || null, phone: v.phone?.trim() || null },
      confidential: v.confidential,
    };
    // Sending the same appeal again (the answer was lost) keeps its key; a changed appeal is a new one.
    const sent = JSON.stringify(body);
    if (attempt.current?.body !== sent) attempt.current = { body: sent, key: newIdempotencyKey() };
    try {
      const r = await publicApi.submit(body, attempt.current.key);
      attempt.current = null;
      const failed = await sendFiles(v.files ?? [], (file) => publicApi.attach(r.code, r.secret, file));
      setFileProblems(failed.length ? refusedFilesText(t, failed) : null);
      setReceipt(r);
      window.scrollTo(0, 0);
    } catch (e) {
      if (!applyFieldErrors(form, e, FIELDS)) setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <PublicLayout>
        <Card>
          <Result
            status="success"
            title={t('public.appeal.done')}
            subTitle={lang === 'en' ? receipt.notice.en : receipt.notice.zh}
            extra={[
              <Button key="track" type="primary" onClick={() => navigate(receipt.lookupUrl)} data-testid="public-appeal-track">
                {t('public.appeal.track')}
              </Button>,
              <Button
                key="again"
                onClick={() => {
                  form.resetFields();
                  setLocation(null);
                  setReceipt(null);
                }}
              >
                {t('public.appeal.another')}
              </Button>,
            ]}
          >
            {fileProblems && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={fileProblems} data-testid="public-appeal-file-problems" />}
            {/* Label above value, and no break inside a code: both must be read and written down on a phone. */}
            <Descriptions column={1} bordered size="middle" layout="vertical">
              <Descriptions.Item label={t('public.appeal.code')}>
                <Typography.Text strong copyable data-testid="public-appeal-code" style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
                  {receipt.code}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('public.appeal.secret')}>
                <Typography.Text strong copyable code data-testid="public-appeal-secret" style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
                  {receipt.secret}
                </Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <Alert type="warning" showIcon style={{ marginTop: 16 }} message={t('public.appeal.keep')} role="alert" data-testid="public-appeal-keep" />
          </Result>
        </Card>
      </PublicLayout>
    );
  }

  return (
    <PublicLayout>
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('public.appeal.title')}</h1>}>
        <Alert type="info" showIcon message={t('public.appeal.intro')} style={{ marginBottom: 16 }} />
        {error && (
          <div role="alert" data-testid="public-appeal-error" style={{ marginBottom: 16 }}>
            <Alert type="error" showIcon message={error} />
          </div>
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          name="public-appeal"
          initialValues={{ type: preset, kind: 'person', confidential: false }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item label={t('public.appeal.typeQuestion')} name="type" rules={[{ required: true }]}>
            <Radio.Group data-testid="public-appeal-type" style={{ width: '100%' }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                {PUBLIC_TYPES.map((c) => (
                  <Radio key={c} value={c} data-testid={`public-appeal-type-option-${c}`}>
                    <Typography.Text strong>{t(`cases.type.${c}`)}</Typography.Text>
                    <Typography.Text type="secondary">：{t(`public.appeal.typeHint.${c}`)}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('public.appeal.subject')} name="title" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('public.appeal.subject') }) }]}>
            <Input maxLength={200} data-testid="public-appeal-title" />
          </Form.Item>
          <Form.Item label={t('public.appeal.content')} name="content" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('public.appeal.content') }) }]}>
            <Input.TextArea rows={6} maxLength={10000} showCount data-testid="public-appeal-content" />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label={t('public.appeal.region')} name="regionCode">
                <RegionSelect data-testid="public-appeal-region" aria-label={t('public.appeal.region')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('public.appeal.address')} name="address">
                <Input maxLength={300} data-testid="public-appeal-address" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('public.appeal.location')} extra={t('public.appeal.location.hint')}>
            <Space wrap>
              <Button icon={<AimOutlined />} onClick={locate} data-testid="public-appeal-locate">{t('public.appeal.location.use')}</Button>
              {location && (
                <Typography.Text data-testid="public-appeal-location">
                  {t('public.appeal.location.at', { lat: location.lat.toFixed(5), long: location.long.toFixed(5) })}
                  <Button type="link" size="small" onClick={() => setLocation(null)}>{t('public.appeal.location.clear')}</Button>
                </Typography.Text>
              )}
              {!location && locating && <Typography.Text type="secondary" data-testid="public-appeal-locating">{locating}</Typography.Text>}
            </Space>
          </Form.Item>
          <Form.Item label={t('public.appeal.files')} name="files">
            <FilePicker max={MAX_PUBLIC_FILES} testId="public-appeal-files" />
          </Form.Item>
          <Form.Item label={t('public.appeal.kind')} name="kind">
            <Radio.Group>
              <Radio value="person">
                <span data-testid="public-appeal-kind-person">{t('public.appeal.kind.person')}</span>
              </Radio>
              <Radio value="anonymous">
                <span data-testid="public-appeal-kind-anonymous">{t('public.appeal.kind.anonymous')}</span>
              </Radio>
            </Radio.Group>
          </Form.Item>
          {kind !== 'anonymous' && (
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={t('public.appeal.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('public.appeal.name') }) }]}>
                  <Input maxLength={100} autoComplete="name" data-testid="public-appeal-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('public.appeal.phone')} name="phone" extra={t('public.appeal.phoneWhy')}>
                  <Input maxLength={30} inputMode="tel" autoComplete="tel" data-testid="public-appeal-phone" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item label={t('public.appeal.confidential')} name="confidential" valuePropName="checked" extra={t('public.appeal.confidentialHint')}>
            <Switch data-testid="public-appeal-confidential" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="public-appeal-submit">
            {t('public.appeal.submit')}
          </Button>
        </Form>
      </Card>
    </PublicLayout>
  );
}

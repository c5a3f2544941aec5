// Hotspot detection settings (热点检测设置): each tunable value in force beside the default the
// environment gives; a value overrides it, "default" goes back to it. Saved with the version
// read; a stale version offers a reload. Only the system administrator and the top office's
// administrators and leaders may save; others read the settings without a form to change.
import { useEffect } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, InputNumber, Row, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useI18n, useLoad, useReportError } from '../shell';
import { proactiveApi, TUNABLES, TUNABLE_SETTINGS, type ProactiveSettingsPage, type TunableSetting } from './api';

type SettingsForm = Record<TunableSetting, { value: number | null; useDefault: boolean }>;

const toForm = (s: ProactiveSettingsPage): SettingsForm =>
  Object.fromEntries(TUNABLE_SETTINGS.map((k) => [k, { value: s.values[k], useDefault: !s.overridden.includes(k) }])) as SettingsForm;

export default function SettingsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<SettingsForm>();
  const settings = useLoad((signal) => proactiveApi.settings(signal), []);
  const watched = Form.useWatch([], form) as SettingsForm | undefined;

  useEffect(() => {
    if (settings.data) form.setFieldsValue(toForm(settings.data));
  }, [settings.data, form]);

  const save = async (v: SettingsForm) => {
    if (!settings.data) return;
    const values = Object.fromEntries(TUNABLE_SETTINGS.map((k) => [k, v[k].useDefault ? null : v[k].value]));
    try {
      settings.setData(await proactiveApi.saveSettings(settings.data.version, values));
      message.success(t('common.saved'));
    } catch (e) {
      reportError(e, { onReload: settings.reload });
    }
  };

  return (
    <Card title={t('proactive.settings.title')} extra={<Button icon={<ReloadOutlined />} onClick={settings.reload} aria-label={t('common.reload')} />} data-testid="proactive-settings">
      <Typography.Paragraph type="secondary">{t('proactive.settings.hint')}</Typography.Paragraph>
      <Spin spinning={settings.loading}>
        {settings.data && !settings.data.canChange && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('proactive.settings.readOnly')} data-testid="proactive-settings-read-only" />}
        <Form<SettingsForm> form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!settings.data?.canChange}>
          <Row gutter={[24, 0]}>
            {TUNABLE_SETTINGS.map((k) => {
              const spec = TUNABLES[k];
              const useDefault = watched?.[k]?.useDefault ?? true;
              return (
                <Col key={k} xs={24} md={12} xl={8}>
                  <Form.Item label={spec.label[lang === 'en' ? 'en' : 'zh']} required
                    extra={<Space size={4} wrap><span>{t('proactive.settings.default', { value: settings.data?.defaults[k] ?? '' })}</span><Tag>{spec.env}</Tag></Space>}>
                    <Space>
                      <Form.Item name={[k, 'value']} noStyle rules={[{ required: !useDefault, message: t('common.required', { field: spec.label[lang === 'en' ? 'en' : 'zh'] }) }]}>
                        <InputNumber min={spec.min} max={spec.max} step={spec.integer ? 1 : 0.001} precision={spec.integer ? 0 : undefined}
                          disabled={useDefault || !settings.data?.canChange} style={{ width: 160 }} data-testid={`proactive-setting-${k}`} />
                      </Form.Item>
                      <Form.Item name={[k, 'useDefault']} valuePropName="checked" noStyle>
                        <Checkbox data-testid={`proactive-setting-${k}-default`}>{t('proactive.settings.useDefault')}</Checkbox>
                      </Form.Item>
                    </Space>
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
          {settings.data?.canChange && <Button type="primary" htmlType="submit" icon={<SaveOutlined />} data-testid="proactive-settings-save">{t('common.save')}</Button>}
        </Form>
      </Spin>
    </Card>
  );
}

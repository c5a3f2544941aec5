// Evaluation settings (考评设置): the weight of each rate in the monthly score (with their sum),
// how much "basically satisfied" counts, the minimum number of cases to be ranked and the size
// of the red and black lists. Saved with the version read; a stale version offers a reload.
import { useEffect } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Radio, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { hasAnyRole, useI18n, useLoad, useMe, useReportError } from '../shell';
import { evaluationApi, LOWER_IS_BETTER, RATES, weightSum, type EvaluationSettings, type Rate } from './api';
import { useEvalNames } from './names';
import { SETTINGS_ROLES } from './roles';

interface SettingsForm {
  weights: Partial<Record<Rate, number | null>>;
  basicallySatisfiedWeight: number;
  minimumCases: number;
  listSize: number;
}

const toForm = (s: EvaluationSettings): SettingsForm => ({
  weights: Object.fromEntries(RATES.map((r) => [r, s.weights[r] ?? null])) as SettingsForm['weights'],
  basicallySatisfiedWeight: s.basicallySatisfiedWeight,
  minimumCases: s.minimumCases,
  listSize: s.listSize,
});

export default function SettingsPage() {
  const { t } = useI18n();
  const names = useEvalNames();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<SettingsForm>();
  const settings = useLoad((signal) => evaluationApi.settings(signal), []);
  const weights = Form.useWatch('weights', form) ?? {};
  const sum = weightSum(weights);
  const canEdit = hasAnyRole(me.roles, SETTINGS_ROLES);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(toForm(settings.data));
  }, [settings.data, form]);

  const save = async (v: SettingsForm) => {
    if (!settings.data) return;
    const w: Partial<Record<Rate, number>> = {};
    for (const r of RATES) {
      const x = v.weights?.[r];
      if (typeof x === 'number' && x > 0) w[r] = x;
    }
    try {
      const saved = await evaluationApi.saveSettings({
        version: settings.data.version,
        weights: w,
        basicallySatisfiedWeight: v.basicallySatisfiedWeight,
        minimumCases: v.minimumCases,
        listSize: v.listSize,
      });
      settings.setData(saved);
      message.success(t('common.saved'));
    } catch (e) {
      reportError(e, { onReload: settings.reload });
    }
  };

  return (
    <Card
      title={t('evaluation.settings.title')}
      extra={<Button icon={<ReloadOutlined />} onClick={settings.reload} aria-label={t('common.reload')} />}
      data-testid="eval-settings"
    >
      <Spin spinning={settings.loading}>
        <Form<SettingsForm> form={form} layout="vertical" name="eval-settings" onFinish={(v) => void save(v)} disabled={!canEdit || !settings.data}>
          <Typography.Title level={5}>{t('evaluation.settings.weights')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('evaluation.settings.weightsHint')}</Typography.Paragraph>
          <Row gutter={[16, 0]}>
            {RATES.map((r) => (
              <Col key={r} xs={24} sm={12} lg={6}>
                <Form.Item
                  label={
                    <Space size={4}>
                      <span title={names.rateDefinition(r)}>{names.rate(r)}</span>
                      {LOWER_IS_BETTER.includes(r) && <Tag color="orange">{t('evaluation.settings.lowerBetter')}</Tag>}
                    </Space>
                  }
                  name={['weights', r]}
                  tooltip={names.rateDefinition(r)}
                  extra={sum > 0 && (weights[r] ?? 0) > 0 ? t('evaluation.settings.share', { p: (((weights[r] ?? 0) / sum) * 100).toFixed(1) }) : undefined}
                >
                  <InputNumber min={0} max={100} step={1} precision={2} style={{ width: '100%' }} placeholder="0" data-testid={`eval-weight-${r}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Statistic
            title={t('evaluation.settings.sum')}
            value={sum}
            precision={2}
            valueStyle={{ fontSize: 20 }}
            valueRender={(node) => <span data-testid="eval-weight-sum">{node}</span>}
          />
          {sum <= 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('evaluation.settings.sumZero')} />}

          <Row gutter={[24, 0]} style={{ marginTop: 24 }}>
            <Col xs={24} md={10}>
              <Form.Item label={t('evaluation.settings.basicallySatisfied')} name="basicallySatisfiedWeight" tooltip={t('evaluation.settings.basicallySatisfiedHint')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 1, label: <span data-testid="eval-bsw-1">1</span> },
                    { value: 0.5, label: <span data-testid="eval-bsw-0.5">0.5</span> },
                    { value: 0, label: <span data-testid="eval-bsw-0">0</span> },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item
                label={t('evaluation.settings.minimumCases')}
                name="minimumCases"
                tooltip={t('evaluation.settings.minimumCasesHint')}
                rules={[{ required: true, message: t('common.required', { field: t('evaluation.settings.minimumCases') }) }]}
              >
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="eval-minimum-cases" />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item
                label={t('evaluation.settings.listSize')}
                name="listSize"
                tooltip={t('evaluation.settings.listSizeHint')}
                rules={[{ required: true, message: t('common.required', { field: t('evaluation.settings.listSize') }) }]}
              >
                <InputNumber min={1} max={50} precision={0} style={{ width: '100%' }} data-testid="eval-list-size" />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} data-testid="eval-settings-save">
              {t('common.save')}
            </Button>
            {settings.data && (
              <Typography.Text type="secondary">
                {t('common.version')} {settings.data.version}
              </Typography.Text>
            )}
          </Space>
        </Form>
      </Spin>
    </Card>
  );
}

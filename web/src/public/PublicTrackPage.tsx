// A citizen follows an appeal with its code and lookup secret: status, handling office, reply,
// the public timeline; adds information while it is open and evaluates the answer once closed.
// Also serves the link given at intake, /public/appeals/:code#secret=… (the fragment never
// reaches a server; it is removed from the address once read).
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { errorText, isApiError, useI18n } from '../shell';
import { fromFragment, publicApi, SATISFACTIONS, type Bilingual, type PublicProgress, type Satisfaction } from './api';
import { PublicLayout } from './PublicLayout';
import { RequesterSteps } from '../cases/RequesterSteps';

const STATUS_COLORS: Record<string, string> = {
  accepted: 'blue', answered: 'cyan', dispatched: 'geekblue', handling: 'processing', replied: 'purple', reviewed: 'gold', closed: 'green', merged: 'default',
};
const DUE_COLORS: Record<string, string> = { on_time: 'green', due_soon: 'orange', overdue: 'red' };

export default function PublicTrackPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const params = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string; secret: string }>();
  const [evalForm] = Form.useForm<{ satisfaction: Satisfaction; comment?: string }>();
  const [commentForm] = Form.useForm<{ text: string }>();
  const [progress, setProgress] = useState<PublicProgress | null>(null);
  const [creds, setCreds] = useState<{ code: string; secret: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const name = (b: Bilingual | null | undefined) => (b ? (lang === 'en' ? b.en : b.zh) : '—');

  const lookup = async (code: string, secret: string) => {
    setBusy('lookup');
    setError(null);
    try {
      const p = await publicApi.track(code, secret);
      setProgress(p);
      setCreds({ code: code.trim(), secret: secret.trim() });
    } catch (e) {
      setProgress(null);
      setError(isApiError(e) && e.status === 404 ? t('public.track.notFound') : errorText(e, t('error.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  // The intake link: code in the path, secret in the fragment. Read once, then drop the fragment.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const frag = fromFragment(location.hash);
    const code = params.code ?? frag.code;
    if (code) form.setFieldsValue({ code });
    if (frag.secret) form.setFieldsValue({ secret: frag.secret });
    if (location.hash) navigate(location.pathname, { replace: true });
    if (code && frag.secret) void lookup(code, frag.secret);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const evaluate = async (v: { satisfaction: Satisfaction; comment?: string }) => {
    if (!creds) return;
    setBusy('evaluate');
    try {
      setProgress(await publicApi.evaluate(creds.code, creds.secret, { satisfaction: v.satisfaction, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) }));
      message.success(t('public.track.evaluated'));
    } catch (e) {
      message.error(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  const addInfo = async (v: { text: string }) => {
    if (!creds) return;
    setBusy('comment');
    try {
      setProgress(await publicApi.comment(creds.code, creds.secret, v.text.trim()));
      commentForm.resetFields();
      message.success(t('public.track.added'));
    } catch (e) {
      message.error(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(null);
    }
  };

  const p = progress;
  return (
    <PublicLayout>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>{t('public.track.title')}</h1>}>
          <Form form={form} layout="inline" name="public-track" onFinish={(v) => void lookup(v.code, v.secret)} style={{ rowGap: 12 }}>
            <Form.Item label={t('public.track.code')} name="code" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('public.track.code') }) }]}>
              <Input maxLength={40} inputMode="numeric" autoComplete="off" data-testid="public-track-code" />
            </Form.Item>
            <Form.Item label={t('public.track.secret')} name="secret" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('public.track.secret') }) }]}>
              <Input.Password maxLength={100} autoComplete="off" data-testid="public-track-secret" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy === 'lookup'} data-testid="public-track-submit">
                {t('public.track.submit')}
              </Button>
            </Form.Item>
          </Form>
          {error && (
            <div role="alert" data-testid="public-track-error" style={{ marginTop: 16 }}>
              <Alert type="error" showIcon message={error} />
            </div>
          )}
        </Card>

        {p && (
          <Card title={`${p.code} · ${p.title}`} data-testid="public-track-result">
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('public.track.status')}>
                <Tag color={STATUS_COLORS[p.status] ?? 'default'} data-testid="public-track-status" data-status={p.status}>
                  {name(p.statusName)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('public.track.type')}>{name(p.typeName)}</Descriptions.Item>
              <Descriptions.Item label={t('public.track.acceptedAt')}>{dayjs(p.acceptedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              <Descriptions.Item label={t('public.track.intakeOffice')}>{p.intakeOffice ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('public.track.office')}>
                <span data-testid="public-track-office">{p.handlingOffice ?? '—'}</span>
              </Descriptions.Item>
              {p.deadline && (
                <Descriptions.Item label={t('public.track.deadline')}>
                  {p.deadline.paused ? (
                    <Tag>{t('public.track.paused')}</Tag>
                  ) : (
                    <Tag color={DUE_COLORS[p.deadline.state]}>
                      {name(p.deadline.stepName)} · {name(p.deadline.stateName)}
                    </Tag>
                  )}
                  <Typography.Text type="secondary">{dayjs(p.deadline.dueAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('public.track.reply')}>
                <span style={{ whiteSpace: 'pre-wrap' }} data-testid="public-track-reply">
                  {p.reply ?? '—'}
                </span>
              </Descriptions.Item>
              {p.outcome && (
                <Descriptions.Item label={t('public.track.outcome')}>
                  {name(p.outcome.name)}
                  {p.outcome.routeName ? ` · ${name(p.outcome.routeName)}` : ''}
                  {p.outcome.explanation ? ` · ${p.outcome.explanation}` : ''}
                </Descriptions.Item>
              )}
              {p.evaluation && (
                <Descriptions.Item label={t('public.track.evaluation')}>
                  <span data-testid="public-track-evaluation">
                    {t(`public.satisfaction.${p.evaluation.satisfaction}`)}
                    {p.evaluation.comment ? ` · ${p.evaluation.comment}` : ''}
                  </span>
                </Descriptions.Item>
              )}
            </Descriptions>

            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('public.track.timeline')}
            </Typography.Title>
            <RequesterSteps steps={p.timeline} testId="public-track-timeline" />

            {p.canEvaluate && (
              <Card type="inner" title={t('public.track.evaluate')} data-testid="public-evaluate">
                <Form form={evalForm} layout="vertical" name="public-evaluate" onFinish={(v) => void evaluate(v)}>
                  <Form.Item label={t('public.track.satisfaction')} name="satisfaction" rules={[{ required: true, message: t('common.select', { field: t('public.track.satisfaction') }) }]}>
                    <Radio.Group>
                      {SATISFACTIONS.map((s) => (
                        <Radio key={s} value={s}>
                          <span data-testid={`public-evaluate-${s}`}>{t(`public.satisfaction.${s}`)}</span>
                        </Radio>
                      ))}
                    </Radio.Group>
                  </Form.Item>
                  <Form.Item label={t('public.track.comment')} name="comment">
                    <Input.TextArea rows={3} maxLength={1000} data-testid="public-evaluate-comment" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy === 'evaluate'} data-testid="public-evaluate-submit">
                    {t('public.track.evaluateSubmit')}
                  </Button>
                </Form>
              </Card>
            )}
            {p.canComment && (
              <Card type="inner" title={t('public.track.addInfo')} style={{ marginTop: 16 }}>
                <Form form={commentForm} layout="vertical" name="public-comment" onFinish={(v) => void addInfo(v)}>
                  <Form.Item label={t('public.track.addInfoText')} name="text" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('public.track.addInfoText') }) }]}>
                    <Input.TextArea rows={3} maxLength={2000} data-testid="public-comment-text" />
                  </Form.Item>
                  <Button htmlType="submit" loading={busy === 'comment'} data-testid="public-comment-submit">
                    {t('public.track.addInfoSubmit')}
                  </Button>
                </Form>
              </Card>
            )}
          </Card>
        )}
      </Space>
    </PublicLayout>
  );
}

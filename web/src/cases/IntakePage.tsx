// The agent's intake workbench (受理): the appeal form, and beside it, as the agent types,
// knowledge-base answers (answer a consultation at once) and likely duplicates (merge after intake).
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Col, Divider, Empty, Form, Input, List, Radio, Result, Row, Select, Space, Spin, Tag, Tooltip, Typography,
} from 'antd';
import { BookOutlined, CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { applyFieldErrors, errorText, hasAnyRole, isAbort, useI18n, useMe, useReportError } from '../shell';
import {
  casesApi, intakeChannels, isHidden, PRIORITIES, REQUESTER_KINDS,
  type ArticleSuggestion, type CaseStatus, type CaseType, type Channel, type IntakeHints, type IntakeInput, type Priority, type RequesterKind,
} from './api';
import { AppealFields, appealInput, APPEAL_FIELD_ERRORS, CaseTypeField, ConfidentialField, type AppealFieldValues } from './AppealFields';
import { radios } from './CaseActionDialog';
import { StatusTag } from './StatusTag';

interface IntakeValues extends AppealFieldValues {
  channel: Channel;
  priority: Priority;
  requesterKind: RequesterKind;
  requesterName?: string;
  requesterPhone?: string;
  requesterUscc?: string;
}

interface Created {
  id: number;
  code: string;
  version: number;
  status: CaseStatus;
  type: CaseType;
  lookupSecret?: string;
  mergedInto?: string;
}

/** Server refusals that concern one field of the form. */
const INTAKE_FIELDS = {
  ...APPEAL_FIELD_ERRORS,
  invalid_uscc: 'requesterUscc',
  requester_name_required: 'requesterName',
  invalid_phone: 'requesterPhone',
};

const HINT_ROLES = ['agent', 'dispatcher'] as const;

function toInput(v: IntakeValues): IntakeInput {
  const s = (x?: string) => (x?.trim() ? x.trim() : null);
  return {
    ...appealInput(v),
    channel: v.channel,
    priority: v.priority,
    requester:
      v.requesterKind === 'anonymous'
        ? { kind: 'anonymous' }
        : { kind: v.requesterKind, name: s(v.requesterName), phone: s(v.requesterPhone), ...(v.requesterKind === 'enterprise' ? { uscc: s(v.requesterUscc) } : {}) },
  };
}

export default function IntakePage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<IntakeValues>();
  const channels = useMemo(() => intakeChannels(me.roles), [me.roles]);
  const hintsAllowed = hasAnyRole(me.roles, HINT_ROLES);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [hints, setHints] = useState<IntakeHints | null>(null);
  const [hintsLoading, setHintsLoading] = useState(false);
  const [chosen, setChosen] = useState<{ article: ArticleSuggestion; answer: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const title = Form.useWatch('title', form);
  const content = Form.useWatch('content', form);
  const phone = Form.useWatch('requesterPhone', form);
  const address = Form.useWatch('address', form);
  const uscc = Form.useWatch('requesterUscc', form);
  const kind = Form.useWatch('requesterKind', form) as RequesterKind | undefined;
  const type = Form.useWatch('type', form) as CaseType | undefined;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const initial: Partial<IntakeValues> = useMemo(
    () => ({ channel: channels[0], type: 'consultation', priority: 'normal', requesterKind: 'person', confidential: false }),
    [channels],
  );

  // Hints follow the typing, debounced; the previous request is aborted.
  useEffect(() => {
    if (!hintsAllowed || created) return;
    const probe = {
      title: (title ?? '').trim().slice(0, 200),
      content: (content ?? '').trim().slice(0, 2000) || undefined,
      phone: (phone ?? '').trim() || undefined,
      address: (address ?? '').trim() || undefined,
      uscc: kind === 'enterprise' ? (uscc ?? '').trim() || undefined : undefined,
    };
    if ((probe.title + (probe.content ?? '')).length < 2 && !probe.phone && !probe.address) {
      setHints(null);
      return;
    }
    const ctrl = new AbortController();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setHintsLoading(true);
      casesApi
        .hints(probe, ctrl.signal)
        .then((h) => {
          setHints(h);
          setHintsLoading(false);
        })
        .catch((e: unknown) => {
          if (isAbort(e)) return;
          setHintsLoading(false);
          reportError(e);
        });
    }, 400);
    return () => {
      clearTimeout(timer.current);
      ctrl.abort();
    };
  }, [title, content, phone, address, uscc, kind, hintsAllowed, created, reportError]);

  if (channels.length === 0) return <Result status="403" title={t('cases.intake.noChannel')} />;

  const answerWith = async (c: Created, article: ArticleSuggestion, answer: string): Promise<Created> => {
    const r = await casesApi.act(c.id, 'answer', c.version, { answer: answer.trim(), knowledgeArticleId: article.id });
    return { ...c, version: r.version, status: r.status };
  };

  const onFinish = async (v: IntakeValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const res = await casesApi.create(toInput(v));
      let c: Created = { id: res.id, code: res.code, version: res.version, status: res.status, type: v.type, lookupSecret: res.lookupSecret };
      setCreated(c);
      message.success(t('cases.intake.created', { code: res.code }));
      if (chosen && v.type === 'consultation' && chosen.answer.trim()) {
        try {
          c = await answerWith(c, chosen.article, chosen.answer);
          setCreated(c);
          message.success(t('cases.intake.answered'));
        } catch (e) {
          reportError(e);
        }
      }
    } catch (e) {
      if (!applyFieldErrors(form, e, INTAKE_FIELDS)) setError(errorText(e, t('error.unexpected')));
    } finally {
      setSubmitting(false);
    }
  };

  const chooseArticle = async (article: ArticleSuggestion) => {
    if (created) {
      // Already taken in: answer it now (a consultation still accepted).
      setBusyId(`a${article.id}`);
      try {
        setCreated(await answerWith(created, article, article.answer));
        setChosen({ article, answer: article.answer });
        message.success(t('cases.intake.answered'));
      } catch (e) {
        reportError(e);
      } finally {
        setBusyId(null);
      }
      return;
    }
    setChosen({ article, answer: article.answer });
    if (form.getFieldValue('type') !== 'consultation') form.setFieldsValue({ type: 'consultation' });
  };

  const merge = async (dupId: number, dupCode: string) => {
    if (!created) return;
    setBusyId(`d${dupId}`);
    try {
      const r = await casesApi.act(created.id, 'merge', created.version, { intoCaseId: dupId });
      setCreated({ ...created, version: r.version, status: isHidden(r) ? 'merged' : r.status, mergedInto: dupCode });
      message.success(t('cases.intake.merged', { code: dupCode }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusyId(null);
    }
  };

  const startOver = () => {
    form.resetFields();
    form.setFieldsValue(initial);
    setCreated(null);
    setChosen(null);
    setHints(null);
    setError(null);
  };

  const canAnswerNow = !!created && created.status === 'accepted' && created.type === 'consultation';

  const formCard = (
    <Card title={t('cases.intake.title')}>
      {created && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="intake-created"
          message={
            <Space wrap>
              <span>{t('cases.intake.created', { code: '' })}</span>
              <Typography.Text strong copyable data-testid="intake-created-code">
                {created.code}
              </Typography.Text>
              <StatusTag status={created.status} testId="intake-created-status" />
              {created.mergedInto && <Tag>{t('cases.intake.merged', { code: created.mergedInto })}</Tag>}
            </Space>
          }
          description={
            <Space direction="vertical">
              {created.lookupSecret && (
                <span>
                  {t('cases.intake.secret')}：
                  <Typography.Text code copyable={{ icon: <CopyOutlined /> }} data-testid="intake-created-secret">
                    {created.lookupSecret}
                  </Typography.Text>
                </span>
              )}
              <Space>
                <Link to={`/cases/${created.id}`} data-testid="intake-created-link">
                  {t('cases.intake.open')}
                </Link>
                <Button size="small" onClick={startOver} data-testid="intake-new">
                  {t('cases.intake.next')}
                </Button>
              </Space>
            </Space>
          }
        />
      )}
      {error && (
        <div role="alert" data-testid="intake-error" style={{ marginBottom: 16 }}>
          <Alert type="error" showIcon message={error} />
        </div>
      )}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        name="intake"
        initialValues={initial}
        onFinish={(v) => void onFinish(v)}
        disabled={!!created}
        data-testid="intake-form"
      >
        <Divider orientation="left" plain style={{ marginTop: 0 }}>
          {t('cases.intake.caseSection')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={t('cases.field.channel')} name="channel" rules={[{ required: true, message: t('common.select', { field: t('cases.field.channel') }) }]}>
              <Select
                data-testid="intake-channel"
                aria-label={t('cases.field.channel')}
                options={channels.map((c) => ({ value: c, label: t(`cases.channel.${c}`), 'data-testid': `intake-channel-option-${c}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <CaseTypeField testId="intake" />
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('cases.field.priority')} name="priority">
              <Radio.Group>{radios('intake-priority', PRIORITIES, (p) => t(`cases.priority.${String(p)}`))}</Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        <AppealFields testId="intake" />

        <Divider orientation="left" plain>
          {t('cases.intake.requesterSection')}
        </Divider>
        <Form.Item label={t('cases.field.requesterKind')} name="requesterKind">
          <Radio.Group>{radios('intake-requester-kind', REQUESTER_KINDS, (k) => t(`cases.kind.${String(k)}`))}</Radio.Group>
        </Form.Item>
        {kind !== 'anonymous' && (
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                label={t('cases.field.requesterName')}
                name="requesterName"
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.field.requesterName') }) }]}
              >
                <Input maxLength={100} data-testid="intake-requester-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('cases.field.requesterPhone')} name="requesterPhone">
                <Input maxLength={30} inputMode="tel" data-testid="intake-requester-phone" />
              </Form.Item>
            </Col>
          </Row>
        )}
        {kind === 'enterprise' && (
          <Form.Item
            label={t('cases.field.uscc')}
            name="requesterUscc"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.field.uscc') }) }]}
          >
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} data-testid="intake-requester-uscc" />
          </Form.Item>
        )}
        <ConfidentialField testId="intake" />
        {chosen && !created && (
          <Alert
            type={type === 'consultation' ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            message={`${t('cases.intake.answerWith')}：${chosen.article.title}`}
            description={type === 'consultation' ? undefined : t('cases.intake.answerOnlyConsultation')}
          />
        )}
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="intake-submit" size="large">
          {t('cases.intake.submit')}
        </Button>
      </Form>
    </Card>
  );

  const hintsCard = (
    <Card title={t('cases.intake.hints')} data-testid="intake-hints" extra={hintsLoading ? <Spin size="small" /> : null}>
      {!hintsAllowed ? (
        <Typography.Text type="secondary">{t('cases.intake.hintsUnavailable')}</Typography.Text>
      ) : !hints ? (
        <Typography.Text type="secondary">{t('cases.intake.hintsHint')}</Typography.Text>
      ) : (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            <BookOutlined /> {t('cases.intake.articles')}
          </Typography.Title>
          {hints.articles.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.intake.noArticles')} />
          ) : (
            <List
              size="small"
              dataSource={hints.articles}
              renderItem={(a) => {
                const isChosen = chosen?.article.id === a.id;
                return (
                  <List.Item key={a.id} data-testid={`intake-article-${a.id}`} style={{ display: 'block' }}>
                    <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
                      <Typography.Text strong>{a.title}</Typography.Text>
                      <Button
                        size="small"
                        type={isChosen ? 'primary' : 'default'}
                        icon={isChosen ? <CheckOutlined /> : undefined}
                        disabled={!!created && !canAnswerNow}
                        loading={busyId === `a${a.id}`}
                        onClick={() => void chooseArticle(a)}
                        data-testid={`intake-use-article-${a.id}`}
                      >
                        {isChosen ? t('cases.intake.articleChosen') : t('cases.intake.useArticle')}
                      </Button>
                    </Space>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }} ellipsis={{ rows: 1 }}>
                      {a.question}
                    </Typography.Paragraph>
                    <Typography.Paragraph style={{ marginBottom: 4 }} ellipsis={{ rows: 3, expandable: true, symbol: '…' }}>
                      {a.answer}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {a.category} · {t('cases.intake.office', { office: a.officeName })}
                    </Typography.Text>
                  </List.Item>
                );
              }}
            />
          )}
          {chosen && !created && (
            <div style={{ marginBottom: 16 }}>
              <Typography.Text>{t('cases.intake.answerText')}</Typography.Text>
              <Input.TextArea
                rows={4}
                maxLength={5000}
                value={chosen.answer}
                onChange={(e) => setChosen({ ...chosen, answer: e.target.value })}
                aria-label={t('cases.intake.answerText')}
                data-testid="intake-answer-text"
              />
              <Button size="small" type="link" onClick={() => setChosen(null)} data-testid="intake-article-cancel">
                {t('cases.intake.cancelArticle')}
              </Button>
            </div>
          )}
          <Divider style={{ margin: '12px 0' }} />
          <Typography.Title level={5}>{t('cases.intake.duplicates')}</Typography.Title>
          {hints.duplicates.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.intake.noDuplicates')} />
          ) : (
            <List
              size="small"
              dataSource={hints.duplicates}
              renderItem={(d) => (
                <List.Item
                  key={d.id}
                  data-testid={`intake-duplicate-${d.id}`}
                  actions={[
                    <Tooltip key="merge" title={created ? undefined : t('cases.intake.mergeAfter')}>
                      <Button
                        size="small"
                        disabled={!created || created.status !== 'accepted' || created.id === d.id}
                        loading={busyId === `d${d.id}`}
                        onClick={() => void merge(d.id, d.code)}
                        data-testid={`intake-merge-${d.id}`}
                      >
                        {t('cases.intake.merge')}
                      </Button>
                    </Tooltip>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Link to={`/cases/${d.id}`} target="_blank" data-testid={`intake-duplicate-link-${d.id}`}>
                          {d.code}
                        </Link>
                        <StatusTag status={d.status} />
                      </Space>
                    }
                    description={
                      <Space direction="vertical" size={0}>
                        <span>{d.title}</span>
                        <Space size={4} wrap>
                          <Tag>{t('cases.intake.similarity', { n: Math.round(d.similarity * 100) })}</Tag>
                          {d.sameRequester && <Tag color="orange">{t('cases.intake.sameRequester')}</Tag>}
                          {d.sameAddress && <Tag color="orange">{t('cases.intake.sameAddress')}</Tag>}
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {dayjs(d.acceptedAt).format('YYYY-MM-DD HH:mm')}
                          </Typography.Text>
                        </Space>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Card>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        {formCard}
      </Col>
      <Col xs={24} lg={9}>
        {hintsCard}
      </Col>
    </Row>
  );
}

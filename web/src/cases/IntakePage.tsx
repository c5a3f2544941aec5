// The agent's intake workbench (受理): the caller first — the phone number has the focus and brings
// up the caller's history at once — then the appeal; beside it, as the agent types, suggested
// categories, knowledge-base answers (answer a consultation at once) and likely duplicates (merge
// after intake). Ctrl+Enter submits; the form then clears for the next call, the receipt stays.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Col, Divider, Empty, Form, Input, List, Radio, Result, Row, Select, Space, Spin, Tag, Typography, type InputRef,
} from 'antd';
import { BookOutlined, CheckOutlined, CopyOutlined, PhoneOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { applyFieldErrors, errorText, hasAnyRole, refusedFilesText, isAbort, useI18n, useMe, useReportError } from '../shell';
import {
  casesApi, intakeChannels, isHidden, PRIORITIES, REQUESTER_KINDS,
  type ArticleSuggestion, type CaseStatus, type CaseType, type Channel, type DuplicateHint, type IntakeHints, type IntakeInput, type Priority, type RequesterKind,
} from './api';
import { AppealFields, CaseFilesField, appealInput, APPEAL_FIELD_ERRORS, attachCaseFiles, CaseTypeField, ConfidentialField, type AppealFieldValues } from './AppealFields';
import { radios } from './CaseActionDialog';
import { StatusTag } from './StatusTag';

interface IntakeValues extends AppealFieldValues {
  channel: Channel;
  priority: Priority;
  requesterKind: RequesterKind;
  requesterName?: string;
  requesterPhone?: string;
  requesterUscc?: string;
  sendSecretBySms?: boolean;
}

interface Created {
  id: number;
  code: string;
  version: number;
  status: CaseStatus;
  type: CaseType;
  lookupSecret?: string;
  secretSentBySms?: boolean;
  mergedInto?: string;
  /** The likely duplicates the hints showed when it was taken in: it may be merged into one of them. */
  duplicates: DuplicateHint[];
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
    ...(v.sendSecretBySms && v.requesterKind !== 'anonymous' ? { sendSecretBySms: true } : {}),
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
  const phoneInput = useRef<InputRef>(null);
  // The category the form filled in from a suggestion, which a better suggestion may replace until the agent picks one.
  const suggestedCategory = useRef<number | null>(null);

  const initial: Partial<IntakeValues> = useMemo(
    () => ({ channel: channels[0], type: 'consultation', priority: 'normal', requesterKind: 'person', confidential: false, sendSecretBySms: false }),
    [channels],
  );

  // Hints follow the typing, debounced; the previous request is aborted.
  useEffect(() => {
    if (!hintsAllowed) return;
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
  }, [title, content, phone, address, uscc, kind, hintsAllowed, reportError]);

  // The first suggested category fills an empty category field, so dispatch has the catalogue's suggestion.
  useEffect(() => {
    const best = hints?.categories[0]?.categoryId;
    if (best === undefined || form.isFieldTouched('categoryId')) return;
    const current = form.getFieldValue('categoryId') as number | null | undefined;
    if (current == null || current === suggestedCategory.current) {
      suggestedCategory.current = best;
      form.setFieldsValue({ categoryId: best });
    }
  }, [hints, form]);

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
      // What the caller sent in (photos of the scene, documents) is the appeal's material, which they may see.
      const sent = await attachCaseFiles(res.id, res.version, v.files, 'appeal');
      let c: Created = {
        id: res.id, code: res.code, version: sent.version, status: res.status, type: v.type, lookupSecret: res.lookupSecret,
        secretSentBySms: res.secretSentBySms, duplicates: hints?.duplicates ?? [],
      };
      setCreated(c);
      const answer = chosen;
      readyForNextCall();
      if (sent.failed.length) setError(refusedFilesText(t, sent.failed));
      message.success(t('cases.intake.created', { code: res.code }));
      if (answer && v.type === 'consultation' && answer.answer.trim()) {
        try {
          c = await answerWith(c, answer.article, answer.answer);
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

  const chooseArticle = (article: ArticleSuggestion) => {
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

  /** The form cleared for the next caller, the cursor on the phone number. */
  function readyForNextCall() {
    form.resetFields();
    form.setFieldsValue(initial);
    suggestedCategory.current = null;
    setChosen(null);
    setHints(null);
    setError(null);
    phoneInput.current?.focus();
  }

  const submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !submitting) {
      e.preventDefault();
      form.submit();
    }
  };

  const requesterFields = (
    <>
      <Divider orientation="left" plain style={{ marginTop: 0 }}>
        {t('cases.intake.requesterSection')}
      </Divider>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item label={t('cases.field.requesterPhone')} name="requesterPhone">
            <Input ref={phoneInput} autoFocus maxLength={30} inputMode="tel" data-testid="intake-requester-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item label={t('cases.field.requesterKind')} name="requesterKind">
            <Radio.Group>{radios('intake-requester-kind', REQUESTER_KINDS, (k) => t(`cases.kind.${String(k)}`))}</Radio.Group>
          </Form.Item>
        </Col>
      </Row>
      {kind !== 'anonymous' && (
        <Row gutter={12}>
          <Col xs={24} md={kind === 'enterprise' ? 10 : 24}>
            <Form.Item
              label={t('cases.field.requesterName')}
              name="requesterName"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.field.requesterName') }) }]}
            >
              <Input maxLength={100} data-testid="intake-requester-name" />
            </Form.Item>
          </Col>
          {kind === 'enterprise' && (
            <Col xs={24} md={14}>
              <Form.Item
                label={t('cases.field.uscc')}
                name="requesterUscc"
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.field.uscc') }) }]}
              >
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} data-testid="intake-requester-uscc" />
              </Form.Item>
            </Col>
          )}
        </Row>
      )}
    </>
  );

  const categorySuggestions = hints?.categories.length ? (
    <div style={{ marginTop: -12, marginBottom: 16 }} data-testid="intake-category-suggestions">
      <Typography.Text type="secondary">{t('cases.intake.suggestedCategories')}：</Typography.Text>
      {hints.categories.map((c) => (
        <Tag.CheckableTag
          key={c.categoryId}
          checked={form.getFieldValue('categoryId') === c.categoryId}
          onChange={() => form.setFieldsValue({ categoryId: c.categoryId })}
          data-testid={`intake-category-suggestion-${c.categoryId}`}
        >
          {c.path}
          {c.reason === 'keyword' ? `（${c.word}）` : `（${t('cases.intake.suggestedByCases', { n: c.cases ?? 0 })}）`}
        </Tag.CheckableTag>
      ))}
    </div>
  ) : null;

  const receipt = created && (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="intake-created"
      message={
        <Space wrap>
          <span>{t('cases.intake.lastCase')}</span>
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
              <Typography.Text code copyable={{ icon: <CopyOutlined /> }} style={{ fontSize: 16, whiteSpace: 'nowrap' }} data-testid="intake-created-secret">
                {created.lookupSecret}
              </Typography.Text>
              {created.secretSentBySms && (
                <Tag color="blue" style={{ marginLeft: 8 }} data-testid="intake-created-sms">
                  {t('cases.intake.secretSent')}
                </Tag>
              )}
            </span>
          )}
          <Space wrap>
            <Link to={`/cases/${created.id}`} data-testid="intake-created-link">
              {t('cases.intake.open')}
            </Link>
            {created.status === 'accepted' &&
              created.duplicates.map((d) => (
                <Button key={d.id} size="small" loading={busyId === `d${d.id}`} onClick={() => void merge(d.id, d.code)} data-testid={`intake-merge-${d.id}`}>
                  {t('cases.intake.mergeInto', { code: d.code })}
                </Button>
              ))}
            <Button size="small" onClick={() => setCreated(null)} data-testid="intake-new">
              {t('cases.intake.next')}
            </Button>
          </Space>
        </Space>
      }
    />
  );

  const formCard = (
    <Card title={t('cases.intake.title')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('cases.intake.shortcut')}</Typography.Text>}>
      {receipt}
      {error && (
        <div role="alert" data-testid="intake-error" style={{ marginBottom: 16 }}>
          <Alert type="error" showIcon message={error} />
        </div>
      )}
      <div onKeyDown={submitOnCtrlEnter}>
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          name="intake"
          initialValues={initial}
          onFinish={(v) => void onFinish(v)}
          data-testid="intake-form"
        >
          {requesterFields}
          <Divider orientation="left" plain>
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
          {categorySuggestions}
          <CaseFilesField testId="intake" />
          <ConfidentialField testId="intake" />
          {kind !== 'anonymous' && (
            <Form.Item name="sendSecretBySms" valuePropName="checked">
              <Checkbox data-testid="intake-send-secret-sms">{t('cases.intake.sendSecretBySms')}</Checkbox>
            </Form.Item>
          )}
          {chosen && (
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
      </div>
    </Card>
  );

  const callerHistory = phone?.trim() && hints ? (
    <div data-testid="intake-caller-history" style={{ marginBottom: 12 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <PhoneOutlined /> {t('cases.intake.callerHistory')}
        {hints.callerCases.length > 0 && <Tag style={{ marginLeft: 8 }}>{hints.callerCases.length}</Tag>}
      </Typography.Title>
      {hints.callerCases.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.intake.noCallerHistory')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={hints.callerCases}
          renderItem={(c) => (
            <List.Item key={c.id} data-testid={`intake-caller-case-${c.id}`} style={{ display: 'block' }}>
              <Space wrap size={4}>
                <Link to={`/cases/${c.id}`} target="_blank">
                  {c.code}
                </Link>
                <StatusTag status={c.status} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dayjs(c.acceptedAt).format('YYYY-MM-DD')}
                </Typography.Text>
              </Space>
              <div>{c.title}</div>
              {c.reply && (
                <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: '…' }}>
                  {t('cases.intake.replyLabel')}：{c.reply}
                </Typography.Paragraph>
              )}
            </List.Item>
          )}
        />
      )}
      <Divider style={{ margin: '12px 0' }} />
    </div>
  ) : null;

  const hintsCard = (
    <Card title={t('cases.intake.hints')} data-testid="intake-hints" extra={hintsLoading ? <Spin size="small" /> : null}>
      {!hintsAllowed ? (
        <Typography.Text type="secondary">{t('cases.intake.hintsUnavailable')}</Typography.Text>
      ) : !hints ? (
        <Typography.Text type="secondary">{t('cases.intake.hintsHint')}</Typography.Text>
      ) : (
        <>
          {callerHistory}
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
          {chosen && (
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

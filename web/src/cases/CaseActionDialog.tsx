// One dialog for every case action: the small form each action needs, sent with the version the
// page holds. A stale version (409) says so, reloads the case and closes; any other refusal is
// shown above the form.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { errorText, isAbort, isStale, refusedFilesText, useI18n, type Translate } from '../shell';
import { OfficeTreeSelect } from '../offices';
import {
  casesApi, isHidden, OUT_OF_SCOPE_ROUTES, PAUSE_REASONS, REVIEW_DECISIONS, SATISFACTIONS, SUPERVISION_LEVELS, VISIT_CONTACTS,
  type ActionInputs, type ActionResult, type CaseAction, type CaseView, type DispatchSuggestion, type ReviewDecision,
} from './api';
import { OfficeMultiSelect } from './pickers';
import { CaseFilesField, attachCaseFiles } from './AppealFields';
import { useOffices } from './reference';

type Values = Record<string, unknown>;

export interface CaseActionDialogProps {
  /** The case as the page holds it: its version goes with the action. */
  target: CaseView | null;
  action: CaseAction | null;
  /** Initial form values (e.g. the review decision chosen by the button that opened it). */
  preset?: Values;
  submitTestId?: string;
  onClose: () => void;
  onDone: (result: ActionResult, action: CaseAction) => void;
  /** The case changed under the user's feet (409 stale): reload it. */
  onStale: () => void;
}

const DEFAULTS: Partial<Record<CaseAction, Values>> = {
  review: { decision: 'accept' },
  'decide-extension': { approve: true },
  'return-visit': { contact: 'reached' },
  supervise: { level: 'normal' },
  'pause-clock': { reason: 'awaiting_requester' },
  'request-extension': { days: 5 },
};

/** Optional text: blank becomes absent (the server refuses empty strings). */
const opt = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const req = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** Radio buttons whose labels carry test ids: `${prefix}-${value}`. */
export function radios(prefix: string, values: readonly (string | boolean)[], label: (v: string | boolean) => string): ReactNode {
  return values.map((v) => (
    <Radio key={String(v)} value={v}>
      <span data-testid={`${prefix}-${String(v)}`}>{label(v)}</span>
    </Radio>
  ));
}

function buildInput(action: CaseAction, v: Values, target: CaseView): ActionInputs[CaseAction] {
  switch (action) {
    case 'answer':
      return { answer: req(v.answer), ...(v.knowledgeArticleId ? { knowledgeArticleId: Number(v.knowledgeArticleId) } : {}) };
    case 'dispatch': {
      const lead = Number(v.leadOfficeId);
      const assisting = ((v.assistingOfficeIds as number[] | undefined) ?? []).filter((id) => id !== lead);
      return { leadOfficeId: lead, ...(assisting.length ? { assistingOfficeIds: assisting } : {}), ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    }
    case 'sign':
      return {};
    case 'return':
    case 'reopen':
    case 'escalate':
      return { reason: req(v.reason) };
    case 'transfer':
      return { toOfficeId: Number(v.toOfficeId), reason: req(v.reason) };
    case 'reply':
      return { reply: req(v.reply) };
    case 'review':
      return { decision: v.decision as ReviewDecision, ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'request-extension':
      return { days: Number(v.days), reason: req(v.reason) };
    case 'decide-extension':
      return { approve: v.approve === true, ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'return-visit':
      return v.contact === 'reached'
        ? { contact: 'reached', resolved: v.resolved === true, satisfaction: v.satisfaction as never, ...(opt(v.note) ? { note: opt(v.note) } : {}) }
        : { contact: v.contact as never, ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'close':
      return target.status === 'accepted'
        ? { outOfScopeRoute: v.outOfScopeRoute as never, explanation: req(v.explanation) }
        : opt(v.explanation) ? { explanation: opt(v.explanation) } : {};
    case 'merge':
      return { intoCaseId: Number(v.intoCaseId), ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'supervise':
      return { level: v.level as never, note: req(v.note) };
    case 'instruct':
      return { instruction: req(v.instruction) };
    case 'comment':
      return { text: req(v.text) };
    case 'pause-clock':
      return { reason: v.reason as never, note: req(v.note) };
    case 'resume-clock':
      return opt(v.note) ? { note: opt(v.note) } : {};
    case 'evaluate':
      return { satisfaction: v.satisfaction as never, ...(opt(v.comment) ? { comment: opt(v.comment) } : {}) };
  }
}

/** A case code (long digits) or id typed for a merge → the case id, looked up in the viewer's cases. */
async function resolveCaseRef(ref: string): Promise<number | null> {
  const s = ref.trim();
  if (!/^\d+$/.test(s)) return null;
  if (s.length < 9) return Number(s);
  const page = await casesApi.list({ q: s, pageSize: 5 });
  return page.items.find((c) => c.code === s)?.id ?? null;
}

function TextField({ name, label, required, max, rows = 3, testId, t }: {
  name: string; label: string; required?: boolean; max: number; rows?: number; testId?: string; t: Translate;
}) {
  return (
    <Form.Item
      label={label}
      name={name}
      rules={required ? [{ required: true, whitespace: true, message: t('common.required', { field: label }) }] : []}
    >
      <Input.TextArea rows={rows} maxLength={max} showCount data-testid={testId ?? `action-${name}`} />
    </Form.Item>
  );
}

export function CaseActionDialog({ target, action, preset, submitTestId = 'case-action-submit', onClose, onDone, onStale }: CaseActionDialogProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<DispatchSuggestion[] | null>(null);
  const { offices, loading: officesLoading } = useOffices();
  const open = target !== null && action !== null;
  const contact = Form.useWatch('contact', form);
  const decision = Form.useWatch('decision', form);
  const lead = Form.useWatch('leadOfficeId', form) as number | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ ...(DEFAULTS[action!] ?? {}), ...(preset ?? {}) } as Parameters<typeof form.setFieldsValue>[0]);
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, action, target?.id, target?.version]);

  // The dispatch catalogue's suggestions; the first one is pre-selected as the lead office.
  useEffect(() => {
    if (!open || (action !== 'dispatch' && action !== 'transfer')) return;
    const ctrl = new AbortController();
    setSuggestions(null);
    casesApi
      .dispatchSuggestions(target!.id, ctrl.signal)
      .then((items) => {
        setSuggestions(items);
        if (action === 'dispatch' && items[0] && form.getFieldValue('leadOfficeId') == null) form.setFieldsValue({ leadOfficeId: items[0].officeId });
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setSuggestions([]);
      });
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, action, target?.id]);

  if (!open) return <Modal open={false} />;
  const label = t(`cases.action.${action}`);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (action === 'merge') {
        const id = await resolveCaseRef(String(values.intoCase ?? ''));
        if (id === null) {
          form.setFields([{ name: 'intoCase', errors: [t('cases.page.notFound')] }]);
          return;
        }
        values = { ...values, intoCaseId: id };
      }
      let result = await casesApi.act(target.id, action, target.version, buildInput(action, values, target));
      const files = action === 'reply' ? ((values.files as File[] | undefined) ?? []) : [];
      if (files.length && !isHidden(result)) {
        // The reply's files go with it: the requester sees them once they see the reply.
        const { failed } = await attachCaseFiles(target.id, result.version, files, 'reply');
        if (failed.length) message.error(refusedFilesText(t, failed));
        result = await casesApi.get(target.id);
      }
      message.success(isHidden(result) ? t('cases.leftSight', { action: label }) : t('cases.done', { action: label }));
      onDone(result, action);
      onClose();
    } catch (e) {
      if (isStale(e)) {
        message.warning(t('cases.stale'));
        onStale();
        onClose();
      } else {
        setError(errorText(e, t('error.unexpected')));
      }
    } finally {
      setBusy(false);
    }
  };

  const sat = (v: string | boolean) => t(`cases.satisfaction.${String(v)}`);
  let fields: ReactNode;
  switch (action) {
    case 'answer':
      fields = (
        <>
          <TextField name="answer" label={t('cases.form.answer')} required max={5000} rows={6} t={t} />
          <Form.Item name="knowledgeArticleId" hidden>
            <Input />
          </Form.Item>
        </>
      );
      break;
    case 'dispatch':
      fields = (
        <>
          <Form.Item label={t('cases.form.suggestions')}>
            {suggestions === null ? (
              <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
            ) : suggestions.length === 0 ? (
              <Typography.Text type="secondary">{t('cases.form.noSuggestions')}</Typography.Text>
            ) : (
              <Space wrap>
                {suggestions.map((s) => (
                  <Tag.CheckableTag
                    key={s.id}
                    checked={lead === s.officeId}
                    onChange={() => form.setFieldsValue({ leadOfficeId: s.officeId })}
                    data-testid={`dispatch-suggestion-${s.officeId}`}
                  >
                    {s.officeName}（{s.categoryName} · {s.regionName}）
                  </Tag.CheckableTag>
                ))}
              </Space>
            )}
          </Form.Item>
          <Form.Item label={t('cases.form.lead')} name="leadOfficeId" rules={[{ required: true, message: t('common.select', { field: t('cases.form.lead') }) }]}>
            <OfficeTreeSelect offices={offices} loading={officesLoading} data-testid="dispatch-lead" aria-label={t('cases.form.lead')} />
          </Form.Item>
          <Form.Item label={t('cases.form.assisting')} name="assistingOfficeIds">
            <OfficeMultiSelect offices={offices} exclude={lead ?? null} data-testid="dispatch-assisting" aria-label={t('cases.form.assisting')} />
          </Form.Item>
          <TextField name="note" label={t('cases.form.noteOptional')} max={1000} rows={2} t={t} />
        </>
      );
      break;
    case 'transfer':
      fields = (
        <>
          {suggestions && suggestions.length > 0 && (
            <Form.Item label={t('cases.form.suggestions')}>
              <Space wrap>
                {suggestions.map((s) => (
                  <Tag key={s.id} style={{ cursor: 'pointer' }} onClick={() => form.setFieldsValue({ toOfficeId: s.officeId })}>
                    {s.officeName}
                  </Tag>
                ))}
              </Space>
            </Form.Item>
          )}
          <Form.Item label={t('cases.form.toOffice')} name="toOfficeId" rules={[{ required: true, message: t('common.select', { field: t('cases.form.toOffice') }) }]}>
            <OfficeTreeSelect offices={offices} loading={officesLoading} data-testid="action-to-office" aria-label={t('cases.form.toOffice')} />
          </Form.Item>
          <TextField name="reason" label={t('cases.form.reason')} required max={1000} t={t} />
        </>
      );
      break;
    case 'sign':
      fields = <Typography.Paragraph>{t('cases.action.sign')}：{target.code}</Typography.Paragraph>;
      break;
    case 'return':
    case 'reopen':
    case 'escalate':
      fields = <TextField name="reason" label={t('cases.form.reason')} required max={action === 'return' ? 1000 : 2000} t={t} />;
      break;
    case 'reply':
      fields = (
        <>
          <TextField name="reply" label={t('cases.form.reply')} required max={10000} rows={8} testId="reply-text" t={t} />
          <CaseFilesField testId="reply" />
        </>
      );
      break;
    case 'review':
      fields = (
        <>
          {target.reply && (
            <Form.Item label={t('cases.field.reply')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{target.reply}</Typography.Paragraph>
            </Form.Item>
          )}
          <Form.Item label={t('cases.form.decision')} name="decision" rules={[{ required: true }]}>
            <Radio.Group>{radios('review-decision', REVIEW_DECISIONS, (v) => (v === 'accept' ? t('cases.form.accept') : t('cases.form.sendBack')))}</Radio.Group>
          </Form.Item>
          <TextField name="note" label={decision === 'send_back' ? t('cases.form.reason') : t('cases.form.noteOptional')} required={decision === 'send_back'} max={2000} t={t} />
        </>
      );
      break;
    case 'request-extension':
      fields = (
        <>
          <Form.Item label={t('cases.form.days')} name="days" rules={[{ required: true, message: t('common.required', { field: t('cases.form.days') }) }]}>
            <InputNumber min={1} max={60} precision={0} data-testid="action-days" />
          </Form.Item>
          <TextField name="reason" label={t('cases.form.reason')} required max={1000} t={t} />
        </>
      );
      break;
    case 'decide-extension':
      fields = (
        <>
          {target.pendingExtension && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('cases.form.pendingExtension', { by: target.pendingExtension.requestedBy, days: target.pendingExtension.days, reason: target.pendingExtension.reason })}
            />
          )}
          <Form.Item label={t('cases.form.approve')} name="approve" rules={[{ required: true }]}>
            <Radio.Group>{radios('extension-approve', [true, false], (v) => (v ? t('cases.form.approveYes') : t('cases.form.approveNo')))}</Radio.Group>
          </Form.Item>
          <TextField name="note" label={t('cases.form.noteOptional')} max={1000} t={t} />
        </>
      );
      break;
    case 'return-visit':
      fields = (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} data-testid="visit-details">
            <Descriptions.Item label={t('cases.field.requesterName')}>{target.requester.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cases.field.requesterPhone')}>
              <span data-testid="visit-phone" style={{ whiteSpace: 'nowrap' }}>{target.requester.phone ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cases.intake.replyLabel')}>
              <span data-testid="visit-reply" style={{ whiteSpace: 'pre-wrap' }}>{target.reply ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>
          <Form.Item label={t('cases.form.contact')} name="contact" rules={[{ required: true }]}>
            <Radio.Group>{radios('visit-contact', VISIT_CONTACTS, (v) => t(`cases.contact.${String(v)}`))}</Radio.Group>
          </Form.Item>
          {contact === 'reached' && (
            <>
              <Form.Item label={t('cases.form.resolved')} name="resolved" rules={[{ required: true, message: t('common.select', { field: t('cases.form.resolved') }) }]}>
                <Radio.Group>{radios('visit-resolved', [true, false], (v) => (v ? t('common.yes') : t('common.no')))}</Radio.Group>
              </Form.Item>
              <Form.Item label={t('cases.form.satisfaction')} name="satisfaction" rules={[{ required: true, message: t('common.select', { field: t('cases.form.satisfaction') }) }]}>
                <Radio.Group>{radios('visit-satisfaction', SATISFACTIONS, sat)}</Radio.Group>
              </Form.Item>
            </>
          )}
          <TextField name="note" label={t('cases.form.noteOptional')} max={2000} t={t} />
        </>
      );
      break;
    case 'close':
      fields =
        target.status === 'accepted' ? (
          <>
            <Form.Item label={t('cases.form.route')} name="outOfScopeRoute" rules={[{ required: true, message: t('common.select', { field: t('cases.form.route') }) }]}>
              <Select
                data-testid="action-route"
                aria-label={t('cases.form.route')}
                options={OUT_OF_SCOPE_ROUTES.map((r) => ({ value: r, label: t(`cases.route.${r}`), 'data-testid': `action-route-option-${r}` }))}
              />
            </Form.Item>
            <TextField name="explanation" label={t('cases.form.explanation')} required max={2000} t={t} />
          </>
        ) : (
          <>
            {target.visit && (
              <Alert
                type={target.visit.satisfaction === 'unsatisfied' ? 'warning' : 'info'}
                showIcon
                style={{ marginBottom: 12 }}
                message={`${t('cases.field.visit')}：${t(`cases.contact.${target.visit.contact}`)}${target.visit.satisfaction ? ` · ${sat(target.visit.satisfaction)}` : ''}`}
              />
            )}
            <TextField name="explanation" label={t('cases.form.explanationOptional')} max={2000} t={t} />
          </>
        );
      break;
    case 'merge':
      fields = (
        <>
          <Form.Item label={t('cases.form.intoCase')} name="intoCase" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.form.intoCase') }) }]}>
            <Input data-testid="action-into" />
          </Form.Item>
          <TextField name="note" label={t('cases.form.noteOptional')} max={1000} rows={2} t={t} />
        </>
      );
      break;
    case 'supervise':
      fields = (
        <>
          <Form.Item label={t('cases.form.level')} name="level" rules={[{ required: true }]}>
            <Radio.Group>{radios('supervise-level', SUPERVISION_LEVELS, (v) => t(`cases.level.${String(v)}`))}</Radio.Group>
          </Form.Item>
          <TextField name="note" label={t('cases.form.note')} required max={2000} t={t} />
        </>
      );
      break;
    case 'instruct':
      fields = <TextField name="instruction" label={t('cases.form.instruction')} required max={2000} rows={4} t={t} />;
      break;
    case 'comment':
      fields = <TextField name="text" label={t('cases.form.text')} required max={2000} t={t} />;
      break;
    case 'pause-clock':
      fields = (
        <>
          <Form.Item label={t('cases.form.pauseReason')} name="reason" rules={[{ required: true }]}>
            <Radio.Group>{radios('pause-reason', PAUSE_REASONS, (v) => t(`cases.pause.${String(v)}`))}</Radio.Group>
          </Form.Item>
          <TextField name="note" label={t('cases.form.note')} required max={1000} t={t} />
        </>
      );
      break;
    case 'resume-clock':
      fields = <TextField name="note" label={t('cases.form.noteOptional')} max={1000} t={t} />;
      break;
    case 'evaluate':
      fields = (
        <>
          <Form.Item label={t('cases.form.satisfaction')} name="satisfaction" rules={[{ required: true, message: t('common.select', { field: t('cases.form.satisfaction') }) }]}>
            <Radio.Group>{radios('evaluate-satisfaction', SATISFACTIONS, sat)}</Radio.Group>
          </Form.Item>
          <TextField name="comment" label={t('cases.form.comment')} max={1000} t={t} />
        </>
      );
      break;
  }

  return (
    <Modal
      open
      title={`${label} · ${target.code}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('cases.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': submitTestId } as never}
      destroyOnHidden
      width={action === 'dispatch' || action === 'reply' || action === 'answer' ? 680 : 560}
    >
      <div data-testid="case-action-dialog" data-action={action}>
        {error && (
          <div role="alert" data-testid="case-action-error" style={{ marginBottom: 12 }}>
            <Alert type="error" showIcon message={error} />
          </div>
        )}
        <Form form={form} layout="vertical" name={`case-action-${action}`} onFinish={() => void submit()}>
          {fields}
        </Form>
      </div>
    </Modal>
  );
}

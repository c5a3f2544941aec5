// One dialog for every action on an application: the small form each needs, sent with the version
// the page holds (a department's move on its own branch quotes its department instead). A stale
// version (409) closes the dialog and offers to reload; any other refusal shows above the form.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { errorText, isStale, useI18n, useLoad } from '../../shell';
import { officesApi } from '../../offices';
import {
  applicationsApi, EXCLUDED_PERIODS, MAX_EXTENSION_DAYS, maxSupplementDays, PAUSE_REASON_NAMES, type ApplicationAction, type ApplicationView, type BranchStatus,
} from './api';
import { REVIEW_GRADES, REVIEW_GRADE_NAMES } from '../results/api';
import { MaterialMarks } from './Materials';
import { named } from './tags';

type Values = Record<string, unknown>;

export interface ActionDialogProps {
  view: ApplicationView;
  action: ApplicationAction | null;
  onClose: () => void;
  onDone: (view: ApplicationView, action: ApplicationAction) => void;
  /** Someone else changed the application meanwhile: reload it. */
  onStale: () => void;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optional = (key: string, v: unknown) => (text(v) ? { [key]: text(v) } : {});

/** The branches of the current stage an action can move, by the statuses it starts from; a reviewer's own come from `openBranches`. */
export function branchesFor(view: ApplicationView, action: ApplicationAction): { departmentId: number; departmentName: string }[] {
  const stage = view.stages.at(-1);
  if (!stage || stage.status !== 'open') return [];
  const from: Partial<Record<ApplicationAction, BranchStatus[]>> = { sign: ['pending'], approve: ['reviewing'], refuse: ['reviewing'], 'ask-more': ['reviewing'], supply: ['waiting'], 'send-back': ['approved'] };
  const statuses = from[action] ?? [];
  const own = ['sign', 'approve', 'refuse', 'ask-more'].includes(action);
  return (own ? view.openBranches : stage.branches).filter((b) => statuses.includes(b.status));
}

function body(action: ApplicationAction, v: Values): Record<string, unknown> {
  switch (action) {
    case 'supplement':
    case 'supply-deficient':
      return { materialIds: v.materialIds };
    case 'accept-deficient':
      return { promise: text(v.promise), creditBad: v.creditBad === true, supplementDays: Number(v.supplementDays) };
    case 'start-stage':
      return { name: text(v.name), departmentIds: v.departmentIds };
    case 'sign':
    case 'approve':
    case 'supply':
      return { departmentId: v.departmentId, ...optional('note', v.note) };
    case 'refuse':
    case 'ask-more':
    case 'send-back':
      return { departmentId: v.departmentId, reason: text(v.reason) };
    case 'conclude':
    case 'resume':
      return optional('note', v.note);
    case 'pause':
      return { reason: v.reason, note: text(v.note) };
    case 'extend':
      return { days: Number(v.days), reason: text(v.reason) };
    case 'issue':
      return { resultNumber: text(v.resultNumber) };
    case 'deliver':
      return v.method === 'post' ? { method: 'post', trackingNumber: text(v.trackingNumber) } : { method: 'in_person', receipt: text(v.receipt) };
    case 'withdraw':
    case 'revoke-certificate':
    case 'green-channel':
      return { reason: text(v.reason) };
    case 'review':
      return { grade: v.grade, ...optional('comment', v.comment) };
    case 'hand-over':
      return { toUserId: v.toUserId, reason: text(v.reason) };
    default:
      return {};
  }
}

export function ActionDialog({ view, action, onClose, onDone, onStale }: ActionDialogProps) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const method = Form.useWatch('method', form);
  const departments = useLoad(async (signal) => (action === 'start-stage' ? (await officesApi.list(signal)).filter((o) => o.kind === 'department') : []), [action]);
  const agents = useLoad(async (signal) => (action === 'hand-over' ? applicationsApi.windowAgents(signal) : []), [action]);
  const branches = useMemo(() => (action ? branchesFor(view, action) : []), [view, action]);
  const mostDays = maxSupplementDays(view.committedLimit);

  useEffect(() => {
    if (!action) return;
    form.resetFields();
    setError(null);
    const defaults: Values = {};
    if (branches.length === 1) defaults.departmentId = branches[0].departmentId;
    if (action === 'supplement') defaults.materialIds = view.missing.map((m) => m.id);
    if (action === 'supply-deficient') defaults.materialIds = view.materials.filter((m) => m.owed).map((m) => m.id);
    if (action === 'accept-deficient') Object.assign(defaults, { creditBad: false, supplementDays: Math.min(5, mostDays) });
    if (action === 'deliver') defaults.method = 'in_person';
    if (action === 'pause') defaults.reason = 'expert_review';
    if (action === 'extend') defaults.days = MAX_EXTENSION_DAYS;
    if (action === 'start-stage') defaults.name = view.stages.length ? '' : t('applications.form.stageDefault');
    form.setFieldsValue(defaults as Record<string, never>);
  }, [action, form, view, branches, mostDays, t]);

  const submit = async (v: Values) => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      const done = await applicationsApi.act(view, action, body(action, v));
      message.success(t('applications.done', { action: t(`applications.action.${action}`) }));
      onDone(done, action);
    } catch (e) {
      if (isStale(e)) {
        onClose();
        modal.confirm({ title: t('applications.stale.title'), content: t('applications.stale.body'), okText: t('error.stale.reload'), cancelText: t('common.cancel'), onOk: onStale });
        return;
      }
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];
  const reason = (label = t('applications.form.reason'), extra?: string) => (
    <Form.Item name="reason" label={label} rules={required(label)} extra={extra}>
      <Input.TextArea rows={3} maxLength={2000} showCount data-testid="action-reason" />
    </Form.Item>
  );
  const note = <Form.Item name="note" label={t('applications.form.note')}><Input.TextArea rows={2} maxLength={2000} data-testid="action-note" /></Form.Item>;
  const department = (
    <Form.Item name="departmentId" label={t('applications.stages.department')} rules={[{ required: true, message: t('common.select', { field: t('applications.stages.department') }) }]}>
      <Select data-testid="action-department" options={branches.map((b) => ({ value: b.departmentId, label: b.departmentName }))} />
    </Form.Item>
  );
  const materialsOf = (ms: { id: number; name: string; required: boolean; deficiency: boolean }[]) => (
    <Form.Item name="materialIds" label={t('applications.form.materialsNow')} rules={[{ required: true, type: 'array', min: 1, message: t('applications.form.pickMaterials') }]}>
      <Checkbox.Group style={{ width: '100%' }}>
        <Space direction="vertical">
          {ms.map((m) => <Checkbox key={m.id} value={m.id} data-testid={`action-material-${m.id}`}>{m.name} <MaterialMarks m={m} /></Checkbox>)}
        </Space>
      </Checkbox.Group>
    </Form.Item>
  );

  const fields = () => {
    switch (action) {
      case 'notify-missing':
        return (
          <>
            <Typography.Paragraph>{t('applications.form.notifyIntro', { date: view.noticeDueDate })}</Typography.Paragraph>
            <ul data-testid="action-missing">{view.missing.map((m) => <li key={m.id}>{m.name}</li>)}</ul>
          </>
        );
      case 'supplement':
        return materialsOf(view.materials.filter((m) => !m.received));
      case 'supply-deficient':
        return materialsOf(view.materials.filter((m) => m.owed));
      case 'accept':
        return <Typography.Paragraph>{t('applications.form.acceptIntro', { n: view.committedLimit })}</Typography.Paragraph>;
      case 'accept-deficient':
        return (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('applications.form.deficiencyRule', { most: mostDays, committed: view.committedLimit })} data-testid="deficiency-rule" />
            {view.missing.some((m) => !m.deficiency) ? (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="deficiency-main-missing"
                message={t('applications.form.mainMissing', { what: view.missing.filter((m) => !m.deficiency).map((m) => m.name).join('、') })} />
            ) : null}
            <Typography.Paragraph>{t('applications.form.owedList')}{view.missing.filter((m) => m.deficiency).map((m) => m.name).join('、') || '—'}</Typography.Paragraph>
            <Form.Item name="promise" label={t('applications.form.promise')} rules={required(t('applications.form.promise'))} extra={t('applications.form.promiseHelp')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="action-promise" />
            </Form.Item>
            <Form.Item name="supplementDays" label={t('applications.form.supplementDays')} rules={[{ required: true, type: 'number', min: 1, max: Math.max(1, mostDays), message: t('applications.form.supplementDaysRange', { most: mostDays }) }]}>
              <InputNumber min={1} max={Math.max(1, mostDays)} precision={0} addonAfter={t('applications.workingDays')} data-testid="action-supplement-days" />
            </Form.Item>
            <Form.Item name="creditBad" valuePropName="checked"><Checkbox data-testid="action-credit-bad">{t('applications.form.creditBad')}</Checkbox></Form.Item>
          </>
        );
      case 'start-stage':
        return (
          <>
            <Form.Item name="name" label={t('applications.form.stageName')} rules={required(t('applications.form.stageName'))}>
              <Input maxLength={200} data-testid="action-stage-name" />
            </Form.Item>
            <Form.Item name="departmentIds" label={t('applications.form.departments')} extra={t('applications.form.departmentsHelp')}
              rules={[{ required: true, type: 'array', min: 1, message: t('common.select', { field: t('applications.form.departments') }) }]}>
              <Checkbox.Group style={{ width: '100%' }}>
                <Space direction="vertical">
                  {(departments.data ?? []).map((o) => <Checkbox key={o.id} value={o.id} data-testid={`action-department-${o.id}`}>{o.name}</Checkbox>)}
                </Space>
              </Checkbox.Group>
            </Form.Item>
          </>
        );
      case 'sign':
      case 'approve':
      case 'supply':
        return <>{department}{note}</>;
      case 'refuse':
        return <>{department}{reason(t('applications.form.refusalReason'))}</>;
      case 'ask-more':
        return <>{department}{reason(t('applications.form.askWhat'), t('applications.form.askHelp'))}</>;
      case 'send-back':
        return <>{department}{reason()}</>;
      case 'conclude':
      case 'resume':
        return note;
      case 'pause':
        return (
          <>
            <Form.Item name="reason" label={t('applications.form.pauseReason')} rules={[{ required: true }]}>
              <Radio.Group>{EXCLUDED_PERIODS.map((r) => <Radio key={r} value={r} data-testid={`action-pause-${r}`}>{named(PAUSE_REASON_NAMES[r], lang)}</Radio>)}</Radio.Group>
            </Form.Item>
            <Form.Item name="note" label={t('applications.form.note')} rules={required(t('applications.form.note'))}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="action-note" />
            </Form.Item>
          </>
        );
      case 'extend':
        return (
          <>
            <Form.Item name="days" label={t('applications.form.days')} rules={[{ required: true, type: 'number', min: 1, max: MAX_EXTENSION_DAYS }]} extra={t('applications.form.extendHelp')}>
              <InputNumber min={1} max={MAX_EXTENSION_DAYS} precision={0} addonAfter={t('applications.workingDays')} data-testid="action-days" />
            </Form.Item>
            {reason(t('applications.form.extendReason'))}
          </>
        );
      case 'issue':
        return (
          <Form.Item name="resultNumber" label={t('applications.field.resultNumber')} rules={required(t('applications.field.resultNumber'))}>
            <Input maxLength={100} data-testid="action-result-number" />
          </Form.Item>
        );
      case 'deliver':
        return (
          <>
            <Form.Item name="method" label={t('applications.form.deliveryMethod')}>
              <Radio.Group>
                <Radio value="in_person" data-testid="action-deliver-in_person">{t('applications.delivery.in_person')}</Radio>
                <Radio value="post" data-testid="action-deliver-post">{t('applications.delivery.post')}</Radio>
              </Radio.Group>
            </Form.Item>
            {method === 'post' ? (
              <Form.Item name="trackingNumber" label={t('applications.form.trackingNumber')} rules={required(t('applications.form.trackingNumber'))}><Input maxLength={60} data-testid="action-tracking" /></Form.Item>
            ) : (
              <Form.Item name="receipt" label={t('applications.form.receipt')} rules={required(t('applications.form.receipt'))}><Input maxLength={200} data-testid="action-receipt" /></Form.Item>
            )}
          </>
        );
      case 'withdraw':
        return reason(t('applications.form.withdrawReason'));
      case 'revoke-certificate':
        return reason(t('applications.form.revokeReason'));
      case 'green-channel':
        return reason(t('applications.form.greenReason'));
      case 'review':
        return (
          <>
            <Form.Item name="grade" label={t('applications.form.grade')} rules={[{ required: true, message: t('common.select', { field: t('applications.form.grade') }) }]}>
              <Radio.Group>{REVIEW_GRADES.map((g) => <Radio key={g} value={g} data-testid={`action-grade-${g}`}>{named(REVIEW_GRADE_NAMES[g], lang)}</Radio>)}</Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label={t('applications.form.comment')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="action-comment" />
            </Form.Item>
          </>
        );
      case 'hand-over':
        return (
          <>
            <Form.Item name="toUserId" label={t('applications.form.handOverTo')} rules={[{ required: true, message: t('common.select', { field: t('applications.form.handOverTo') }) }]}>
              <Select data-testid="action-hand-over-to" loading={agents.loading}
                options={(agents.data ?? []).filter((a) => a.userId !== view.ownerUserId).map((a) => ({ value: a.userId, label: `${a.name}（${a.officeName}）` }))} />
            </Form.Item>
            {reason()}
          </>
        );
      default:
        return null;
    }
  };

  return (
    <Modal open={action !== null} title={action ? t(`applications.action.${action}`) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={t('applications.form.submit')} okButtonProps={{ 'data-testid': 'action-submit' } as never} destroyOnClose width={560}>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="action-error" /> : null}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        {fields()}
      </Form>
    </Modal>
  );
}

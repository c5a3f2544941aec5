// Scheduling one appointment for several departments over an application: review (联审) or
// acceptance (验收), when, where, and the departments (the application's own stages' checked first).
import { useEffect, useState } from 'react';
import { Checkbox, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText, nameIn, useI18n, useLoad } from '../../shell';
import { officesApi } from '../../offices';
import { JOINT_REVIEW_KINDS, jointReviewsApi, type JointReviewKind, type JointReviewView } from './api';

interface Values { kind: JointReviewKind; scheduledAt: Dayjs; place: string; departmentIds: number[] }

export interface ScheduleDialogProps {
  open: boolean;
  applicationId: number;
  /** The departments the application's stages went to: invited unless unticked. */
  departmentIds: readonly number[];
  onClose: () => void;
  onDone: (review: JointReviewView) => void;
}

export function ScheduleDialog({ open, applicationId, departmentIds, onClose, onDone }: ScheduleDialogProps) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const departments = useLoad(async (signal) => (open ? (await officesApi.list(signal)).filter((o) => o.kind === 'department') : []), [open]);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({
      kind: 'acceptance', place: t('jointReviews.placeDefault'), departmentIds: [...departmentIds],
      scheduledAt: dayjs().add(1, 'day').hour(9).minute(30).second(0).millisecond(0),
    });
  }, [open, form, departmentIds, t]);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await jointReviewsApi.schedule({ applicationId, kind: v.kind, scheduledAt: v.scheduledAt.toISOString(), place: v.place.trim(), departmentIds: v.departmentIds }));
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('jointReviews.schedule')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnClose width={600}
      okButtonProps={{ 'data-testid': 'joint-schedule-submit' } as never}>
      {error ? <Typography.Paragraph type="danger" data-testid="joint-error">{error}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label={t('jointReviews.kind')}>
          <Radio.Group data-testid="joint-kind" options={(Object.keys(JOINT_REVIEW_KINDS) as JointReviewKind[]).map((k) => ({ value: k, label: nameIn(lang, JOINT_REVIEW_KINDS[k]) }))} />
        </Form.Item>
        <Form.Item name="scheduledAt" label={t('jointReviews.scheduledAt')} rules={[{ required: true, message: t('common.select', { field: t('jointReviews.scheduledAt') }) }]}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" data-testid="joint-at" />
        </Form.Item>
        <Form.Item name="place" label={t('jointReviews.place')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('jointReviews.place') }) }]}>
          <Input maxLength={200} data-testid="joint-place" />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('jointReviews.departments')} extra={t('jointReviews.departmentsHelp')}
          rules={[{ required: true, type: 'array', min: 2, message: t('jointReviews.departmentsMin') }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {(departments.data ?? []).map((o) => <Checkbox key={o.id} value={o.id} data-testid={`joint-department-${o.id}`}>{o.name}</Checkbox>)}
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

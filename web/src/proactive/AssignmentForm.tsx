// What setting a task asks (from a hotspot or on its own): owner and assisting offices from the
// viewer's subtree, the limit in working days, title and description.
import { Form, Input, InputNumber, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n, useLoad } from '../shell';
import { officesApi } from '../offices';
import type { Assignment } from './api';

export function AssignmentForm({ form, initial }: { form: FormInstance<Assignment>; initial?: Partial<Assignment> }) {
  const { t } = useI18n();
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const options = (offices.data ?? []).map((o) => ({ value: o.id, label: o.name, name: o.name, 'data-testid': `office-option-${o.id}` }));
  const required = [{ required: true, message: t('proactive.required') }];
  return (
    <Form form={form} layout="vertical" initialValues={{ limitDays: 15, ...initial }}>
      <Form.Item name="title" label={t('proactive.field.title')} rules={required}><Input data-testid="assignment-title" maxLength={200} /></Form.Item>
      <Form.Item name="description" label={t('proactive.field.description')} rules={required}><Input.TextArea data-testid="assignment-description" rows={3} maxLength={5000} /></Form.Item>
      <Form.Item name="ownerOfficeId" label={t('proactive.field.owner')} rules={required}>
        <Select data-testid="assignment-owner" options={options} showSearch optionFilterProp="name" loading={offices.loading} />
      </Form.Item>
      <Form.Item name="assistingOfficeIds" label={t('proactive.field.assisting')}>
        <Select data-testid="assignment-assisting" mode="multiple" options={options} optionFilterProp="name" />
      </Form.Item>
      <Form.Item name="limitDays" label={t('proactive.field.limitDays')} rules={required}>
        <InputNumber data-testid="assignment-limit" min={1} max={250} precision={0} />
      </Form.Item>
    </Form>
  );
}

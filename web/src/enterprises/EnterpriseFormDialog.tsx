// Adding or changing an enterprise's record. The server checks every field (rules.ts) and names
// each bad one; its messages are placed on the fields they are about, the rest above the form.
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError, useI18n, useReportError } from '../shell';
import { RegionSelect } from '../regions';
import {
  CREDIT_NAMES, CREDIT_STANDINGS, ENTERPRISE_KIND_NAMES, ENTERPRISE_KINDS, ENTERPRISE_SIZE_NAMES, ENTERPRISE_SIZES, enterprisesApi, problemsOf,
  type EnterpriseInput, type EnterpriseView,
} from './api';
import { industryTree, nameIn } from './names';
import { ContactsField } from './ContactsField';

type Values = Omit<EnterpriseInput, 'establishedOn'> & { establishedOn?: Dayjs | null };

const toValues = (e: EnterpriseView): Values => ({
  uscc: e.uscc, name: e.name, kind: e.kind, legalRepresentative: e.legalRepresentative, address: e.address, regionCode: e.regionCode,
  industryDivision: e.industryDivision, size: e.size, establishedOn: e.establishedOn ? dayjs(e.establishedOn) : null,
  registeredCapital: e.registeredCapital, keyEnterprise: e.keyEnterprise, credit: e.credit, contacts: e.contacts,
});

export function EnterpriseFormDialog({ saved, onClose, onSaved }: { saved?: EnterpriseView; onClose: () => void; onSaved: (e: EnterpriseView) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [needsReason, setNeedsReason] = useState(!!saved?.usccOverrideReason);
  const options = <T extends string>(codes: readonly T[], names: Record<T, { zh: string; en: string }>) => codes.map((c) => ({ value: c, label: nameIn(lang, names[c]) }));
  const tid = (f: string) => `enterprise-${f}`;

  const submit = async (values: Values) => {
    setBusy(true);
    setFormError(null);
    const body = {
      ...values, establishedOn: values.establishedOn ? values.establishedOn.format('YYYY-MM-DD') : null,
      legalRepresentative: values.legalRepresentative || null, address: values.address || null, industryDivision: values.industryDivision ?? null,
      size: values.size ?? null, registeredCapital: values.registeredCapital ?? null, contacts: values.contacts ?? [],
    };
    try {
      let result: EnterpriseView;
      if (saved) {
        const { uscc: _u, usccOverrideReason: _r, ...changes } = body;
        result = await enterprisesApi.update(saved.uscc, { version: saved.version, ...changes });
        message.success(t(result.version === saved.version ? 'enterprises.noChange' : 'enterprises.saved', { name: result.name }));
      } else {
        result = await enterprisesApi.create({ ...body, usccOverrideReason: body.usccOverrideReason || null });
        message.success(t('enterprises.created', { name: result.name }));
      }
      onSaved(result);
      onClose();
    } catch (err) {
      const problems = problemsOf(err);
      if (problems.length) {
        const byField = new Map<string, string[]>();
        for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), lang === 'en' ? p.messageEn : p.messageZh]);
        form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
        if (byField.has('uscc') && !saved) setNeedsReason(true);
      } else if (isApiError(err) && err.status < 500 && err.code !== 'stale_version') {
        if (err.code === 'uscc_taken') form.setFields([{ name: 'uscc', errors: [err.message] }]);
        else setFormError(err.message);
      } else reportError(err, { onReload: onClose });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={saved ? t('enterprises.edit') : t('enterprises.new')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': tid('submit') } as never} width={720} destroyOnClose>
      <div data-testid={saved ? 'enterprise-edit-dialog' : 'enterprise-new-dialog'}>
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} data-testid={tid('form-error')} />}
        <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={saved ? toValues(saved) : { kind: 'limited_liability', credit: 'normal', keyEnterprise: false, contacts: [] }}>
          <Form.Item label={t('enterprises.field.uscc')} name="uscc" rules={[{ required: true, message: t('common.required', { field: t('enterprises.field.uscc') }) }, { len: 18, message: t('common.required', { field: t('enterprises.field.uscc') }) }]}>
            <Input maxLength={18} disabled={!!saved} style={{ textTransform: 'uppercase' }} data-testid={tid('uscc')} />
          </Form.Item>
          {needsReason && !saved && (
            <Form.Item label={t('enterprises.field.usccOverrideReason')} name="usccOverrideReason" extra={t('enterprises.field.usccOverrideHelp')}>
              <Input.TextArea maxLength={500} rows={2} data-testid={tid('override')} />
            </Form.Item>
          )}
          <Form.Item label={t('enterprises.field.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('enterprises.field.name') }) }]}>
            <Input maxLength={200} data-testid={tid('name')} />
          </Form.Item>
          <Form.Item label={t('enterprises.field.kind')} name="kind" rules={[{ required: true }]}>
            <Select options={options(ENTERPRISE_KINDS, ENTERPRISE_KIND_NAMES)} data-testid={tid('kind')} />
          </Form.Item>
          <Form.Item label={t('enterprises.field.region')} name="regionCode" rules={[{ required: true, message: t('common.select', { field: t('enterprises.field.region') }) }]}>
            <RegionSelect data-testid={tid('region')} />
          </Form.Item>
          <Form.Item label={t('enterprises.field.industry')} name="industryDivision">
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={industryTree().map((s) => ({ ...s, selectable: false }))} data-testid={tid('industry')} />
          </Form.Item>
          <Form.Item label={t('enterprises.field.legalRepresentative')} name="legalRepresentative"><Input maxLength={100} data-testid={tid('legal')} /></Form.Item>
          <Form.Item label={t('enterprises.field.address')} name="address"><Input maxLength={300} data-testid={tid('address')} /></Form.Item>
          <Form.Item label={t('enterprises.field.size')} name="size"><Select allowClear options={options(ENTERPRISE_SIZES, ENTERPRISE_SIZE_NAMES)} data-testid={tid('size')} /></Form.Item>
          <Form.Item label={t('enterprises.field.establishedOn')} name="establishedOn"><DatePicker disabledDate={(d) => d.isAfter(dayjs())} data-testid={tid('established')} /></Form.Item>
          <Form.Item label={t('enterprises.field.registeredCapital')} name="registeredCapital"><InputNumber min={0} max={1e12} style={{ width: 200 }} data-testid={tid('capital')} /></Form.Item>
          <Form.Item label={t('enterprises.field.keyEnterprise')} name="keyEnterprise" valuePropName="checked"><Switch data-testid={tid('key')} /></Form.Item>
          <Form.Item label={t('enterprises.field.credit')} name="credit"><Select options={options(CREDIT_STANDINGS, CREDIT_NAMES)} data-testid={tid('credit')} /></Form.Item>
          <Form.Item label={t('enterprises.field.contacts')} name="contacts"><ContactsField /></Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

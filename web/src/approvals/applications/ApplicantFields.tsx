// The applicant at the window: an enterprise by its unified social credit code, checked as it is
// typed and looked up in the registry to fill the name in, or a citizen.
import { useEffect, useState } from 'react';
import { Form, Input, Radio, Typography, type FormInstance } from 'antd';
import { isApiError, useI18n } from '../../shell';
import { enterprisesApi } from '../../enterprises/api';
import { normaliseUscc, usccProblem } from './api';

export interface ApplicantValues {
  kind: 'enterprise' | 'person';
  uscc?: string;
  name: string;
  phone?: string;
}

type Lookup = { state: 'idle' } | { state: 'found'; name: string } | { state: 'unknown' };

export function ApplicantFields({ form }: { form: FormInstance<ApplicantValues> }) {
  const { t } = useI18n();
  const kind = Form.useWatch('kind', form);
  const uscc = normaliseUscc(Form.useWatch('uscc', form) ?? '');
  const [lookup, setLookup] = useState<Lookup>({ state: 'idle' });
  const problem = uscc.length === 0 ? null : usccProblem(uscc);

  useEffect(() => {
    setLookup({ state: 'idle' });
    if (kind !== 'enterprise' || uscc.length !== 18 || problem) return;
    const ctrl = new AbortController();
    enterprisesApi.get(uscc, ctrl.signal).then(
      (e) => {
        setLookup({ state: 'found', name: e.name });
        form.setFieldsValue({ name: e.name });
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted && isApiError(e) && (e.status === 404 || e.status === 403)) setLookup({ state: 'unknown' });
      },
    );
    return () => ctrl.abort();
  }, [kind, uscc, problem, form]);

  const usccHelp = problem ? t(`applications.uscc.${problem}`) : lookup.state === 'found' ? t('applications.uscc.found', { name: lookup.name }) : lookup.state === 'unknown' ? t('applications.uscc.unknown') : undefined;
  return (
    <>
      <Form.Item name="kind" label={t('applications.field.kind')}>
        <Radio.Group>
          <Radio value="enterprise" data-testid="applicant-enterprise">{t('applications.kind.enterprise')}</Radio>
          <Radio value="person" data-testid="applicant-person">{t('applications.kind.person')}</Radio>
        </Radio.Group>
      </Form.Item>
      {kind === 'enterprise' ? (
        <Form.Item name="uscc" label={t('applications.field.uscc')} validateStatus={problem ? 'error' : lookup.state === 'found' ? 'success' : undefined}
          help={usccHelp ? <span data-testid="uscc-help">{usccHelp}</span> : undefined} hasFeedback={uscc.length === 18}
          rules={[{ required: true, message: t('common.required', { field: t('applications.field.uscc') }) }, { validator: (_r, v: string | undefined) => (v && usccProblem(normaliseUscc(v)) ? Promise.reject(new Error(t(`applications.uscc.${usccProblem(normaliseUscc(v))}`))) : Promise.resolve()) }]}>
          <Input maxLength={18} style={{ textTransform: 'uppercase', fontFamily: 'monospace' }} data-testid="applicant-uscc" />
        </Form.Item>
      ) : null}
      <Form.Item name="name" label={kind === 'enterprise' ? t('applications.field.enterpriseName') : t('applications.field.personName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('applications.field.applicant') }) }]}>
        <Input maxLength={200} data-testid="applicant-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('applications.field.phone')}>
        <Input maxLength={30} data-testid="applicant-phone" />
      </Form.Item>
      {kind === 'enterprise' && lookup.state === 'found' ? <Typography.Text type="secondary">{t('applications.uscc.prefilled')}</Typography.Text> : null}
    </>
  );
}

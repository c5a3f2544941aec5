// The four fields of an office, shared by the "new office" dialog and the edit panel.
import { Form, Input, Select } from 'antd';
import { useI18n } from '../shell';
import { OFFICE_KINDS } from '../../../src/offices/contract';
import { RegionSelect } from '../regions';
import type { Office } from './api';
import { OfficeTreeSelect } from './OfficeTreeSelect';

export function OfficeFields({
  testIdPrefix,
  offices,
  excludeParents,
}: {
  /** 'office' for the new-office form, 'office-edit' for the edit panel. */
  testIdPrefix: string;
  offices: readonly Office[];
  excludeParents?: ReadonlySet<number>;
}) {
  const { t } = useI18n();
  const tid = (f: string) => `${testIdPrefix}-${f}`;
  return (
    <>
      <Form.Item
        label={t('offices.name')}
        name="name"
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('offices.name') }) }]}
      >
        <Input maxLength={100} data-testid={tid('name')} />
      </Form.Item>
      <Form.Item
        label={t('offices.kind')}
        name="kind"
        rules={[{ required: true, message: t('common.select', { field: t('offices.kind') }) }]}
      >
        <Select
          data-testid={tid('kind')}
          options={OFFICE_KINDS.map((k) => ({ value: k, label: t(`officeKind.${k}`), 'data-testid': `${tid('kind')}-option-${k}` }))}
        />
      </Form.Item>
      <Form.Item
        label={t('offices.region')}
        name="regionCode"
        rules={[{ required: true, message: t('common.select', { field: t('offices.region') }) }]}
      >
        <RegionSelect data-testid={tid('region')} />
      </Form.Item>
      <Form.Item label={t('offices.parent')} name="parentId" extra={t('offices.parentNone')}>
        <OfficeTreeSelect offices={offices} exclude={excludeParents} data-testid={tid('parent')} />
      </Form.Item>
    </>
  );
}

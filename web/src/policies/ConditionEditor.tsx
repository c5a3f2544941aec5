// One eligibility condition as typed data: its kind, the clause it cites and what it asks.
import { Button, Input, InputNumber, Select, Space, Switch } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useI18n } from '../shell';
import { RegionSelect } from '../regions';
import { blankCondition, CONDITION_KINDS, type Condition } from './api';

const SIZES = ['large', 'medium', 'small', 'micro'] as const;
const SIZE_NAMES = { large: '大型 large', medium: '中型 medium', small: '小型 small', micro: '微型 micro' };
const CREDITS = ['good', 'normal', 'bad'] as const;
const CREDIT_NAMES = { good: '守信 good', normal: '一般 normal', bad: '失信 bad' };
const list = (text: string) => text.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
const num = (v: number | null) => (v === null ? undefined : v);

export interface ConditionEditorProps {
  index: number;
  value: Condition;
  clauses: string[];
  onChange(c: Condition): void;
  onRemove(): void;
}

export function ConditionEditor({ index, value: c, clauses, onChange, onRemove }: ConditionEditorProps) {
  const { t } = useI18n();
  const id = (part: string) => `policy-condition-${index}-${part}`;
  const set = (patch: Partial<Condition>) => onChange({ ...c, ...patch } as Condition);
  let detail: React.ReactNode = null;
  switch (c.kind) {
    case 'region':
      detail = <div style={{ width: 240 }}><RegionSelect value={c.regionCode} onChange={(code) => code && set({ regionCode: code })} allowClear={false} data-testid={id('region')} /></div>;
      break;
    case 'industry':
      detail = <Input style={{ width: 260 }} placeholder={t('policies.condition.codes')} defaultValue={c.codes.join(',')} onBlur={(e) => set({ codes: list(e.target.value.toUpperCase()) })} data-testid={id('codes')} />;
      break;
    case 'size':
      detail = <Select mode="multiple" style={{ width: 300 }} value={c.sizes} onChange={(sizes) => set({ sizes })} options={SIZES.map((s) => ({ value: s, label: SIZE_NAMES[s] }))} data-testid={id('sizes')} />;
      break;
    case 'credit':
      detail = <Select mode="multiple" style={{ width: 260 }} value={c.standings} onChange={(standings) => set({ standings })} options={CREDITS.map((s) => ({ value: s, label: CREDIT_NAMES[s] }))} data-testid={id('standings')} />;
      break;
    case 'age':
      detail = (
        <Space>
          <InputNumber min={0} placeholder={t('policies.condition.minYears')} value={c.minYears} onChange={(v) => set({ minYears: num(v) })} data-testid={id('min')} />
          <InputNumber min={1} placeholder={t('policies.condition.underYears')} value={c.underYears} onChange={(v) => set({ underYears: num(v) })} data-testid={id('max')} />
        </Space>
      );
      break;
    case 'registered_capital':
      detail = (
        <Space>
          <InputNumber min={0} placeholder={t('policies.condition.min')} value={c.min} onChange={(v) => set({ min: num(v) })} data-testid={id('min')} />
          <InputNumber min={0} placeholder={t('policies.condition.max')} value={c.max} onChange={(v) => set({ max: num(v) })} data-testid={id('max')} />
        </Space>
      );
      break;
    case 'key_enterprise':
      detail = <Switch checked={c.value} onChange={(value) => set({ value })} checkedChildren={t('policies.yes')} unCheckedChildren={t('policies.no')} data-testid={id('value')} />;
      break;
    case 'fact': {
      const test = c.test;
      detail = (
        <Space wrap>
          <Input style={{ width: 160 }} placeholder={t('policies.condition.fact')} value={c.fact} onChange={(e) => set({ fact: e.target.value })} data-testid={id('fact')} />
          <Select style={{ width: 110 }} aria-label={t('policies.condition.factType')} value={test.type} data-testid={id('type')}
            onChange={(type) => set({ test: type === 'number' ? { type, min: 0 } : type === 'boolean' ? { type, equals: true } : { type, oneOf: [] } })}
            options={[{ value: 'boolean', label: t('policies.yes') + '/' + t('policies.no') }, { value: 'number', label: '123' }, { value: 'text', label: 'abc' }]} />
          {test.type === 'boolean' && <Switch checked={test.equals} onChange={(equals) => set({ test: { type: 'boolean', equals } })} checkedChildren={t('policies.yes')} unCheckedChildren={t('policies.no')} />}
          {test.type === 'number' && (
            <>
              <InputNumber placeholder={t('policies.condition.min')} value={test.min} onChange={(v) => set({ test: { ...test, min: num(v) } })} data-testid={id('min')} />
              <InputNumber placeholder={t('policies.condition.max')} value={test.max} onChange={(v) => set({ test: { ...test, max: num(v) } })} data-testid={id('max')} />
            </>
          )}
          {test.type === 'text' && <Input style={{ width: 200 }} placeholder={t('policies.condition.oneOf')} defaultValue={test.oneOf.join(',')} onBlur={(e) => set({ test: { type: 'text', oneOf: list(e.target.value) } })} />}
        </Space>
      );
      break;
    }
  }
  return (
    <Space wrap align="start" style={{ marginBottom: 8 }} data-testid={`policy-condition-${index}`}>
      <Select style={{ width: 170 }} aria-label={t('policies.condition.kind')} value={c.kind} onChange={(kind) => onChange(blankCondition(kind, c.clause))}
        options={CONDITION_KINDS.map((k) => ({ value: k, label: t(`policies.kind.${k}`) }))} data-testid={id('kind')} />
      <Select style={{ width: 110 }} aria-label={t('policies.condition.clause')} value={c.clause} onChange={(clause) => set({ clause })}
        options={clauses.map((n) => ({ value: n, label: n }))} data-testid={id('clause')} />
      {detail}
      <Button icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('policies.condition.remove')} />
    </Space>
  );
}

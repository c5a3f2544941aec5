// Materials against the item version's checklist: the marks that matter at the window (required,
// may come later under deficiency acceptance) and, on an application, what arrived and what is owed.
import type { HTMLAttributes } from 'react';
import { Checkbox, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../shell';
import type { ApplicationView } from './api';

export interface ChecklistEntry {
  id: number;
  name: string;
  required: boolean;
  deficiency: boolean;
}

export function MaterialMarks({ m }: { m: ChecklistEntry }) {
  const { t } = useI18n();
  return (
    <>
      {m.required ? <Tag color="red">{t('applications.material.required')}</Tag> : <Tag>{t('applications.material.optional')}</Tag>}
      {m.deficiency ? <Tag color="gold">{t('applications.material.deficiency')}</Tag> : null}
    </>
  );
}

/** Ticks for the materials received, every one with its marks. */
export function MaterialsChecklist({ materials, value, onChange, testId = 'material' }: {
  materials: readonly ChecklistEntry[]; value: number[]; onChange: (ids: number[]) => void; testId?: string;
}) {
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange(v as number[])} style={{ width: '100%' }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {materials.map((m) => (
          <Checkbox key={m.id} value={m.id} data-testid={`${testId}-${m.id}`}>
            <span data-testid={`${testId}-name`}>{m.name}</span> <MaterialMarks m={m} />
          </Checkbox>
        ))}
      </Space>
    </Checkbox.Group>
  );
}

/** An application's materials: received, missing, or owed under deficiency acceptance. */
export function MaterialsTable({ view }: { view: ApplicationView }) {
  const { t } = useI18n();
  const missing = new Set(view.missing.map((m) => m.id));
  const columns: TableColumnsType<ApplicationView['materials'][number]> = [
    { title: t('applications.material.name'), dataIndex: 'name', key: 'name' },
    { title: t('applications.material.marks'), key: 'marks', render: (_: unknown, m) => <MaterialMarks m={m} /> },
    {
      title: t('applications.material.state'), key: 'state',
      render: (_: unknown, m) => (m.owed ? <Tag color="gold">{t('applications.material.owed')}</Tag>
        : m.received ? <Tag color="green">{t('applications.material.received')}</Tag>
          : missing.has(m.id) ? <Tag color="red">{t('applications.material.missing')}</Tag> : <Tag>{t('applications.material.notGiven')}</Tag>),
    },
  ];
  return <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={view.materials} data-testid="materials"
    onRow={(m) => ({ 'data-testid': `material-row-${m.id}`, 'data-state': m.owed ? 'owed' : m.received ? 'received' : missing.has(m.id) ? 'missing' : 'none' } as HTMLAttributes<HTMLElement>)} />;
}

// Picks an office from the tree of offices the caller can see (used for parents and people).
import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { TreeSelect } from 'antd';
import { useI18n } from '../shell';
import { buildOfficeTree, type Office, type OfficeTreeNode } from './api';

interface Option {
  value: number;
  title: ReactNode;
  name: string;
  disabled?: boolean;
  children: Option[];
}

export interface OfficeTreeSelectProps {
  id?: string;
  offices: readonly Office[];
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** Offices that may not be picked (an office cannot become its own descendant's child). */
  exclude?: ReadonlySet<number>;
  placeholder?: string;
  allowClear?: boolean;
  loading?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
  'aria-label'?: string;
}

export function OfficeTreeSelect(props: OfficeTreeSelectProps) {
  const { id, offices, value, onChange, exclude, placeholder, allowClear = true, loading, style } = props;
  const { t } = useI18n();
  const treeData = useMemo(() => {
    const toOption = (n: OfficeTreeNode): Option => ({
      value: n.office.id,
      name: n.office.name,
      title: <span data-testid={`office-option-${n.office.id}`}>{n.office.name}</span>,
      disabled: exclude?.has(n.office.id),
      children: n.children.map(toOption),
    });
    return buildOfficeTree(offices).map(toOption);
  }, [offices, exclude]);

  return (
    <TreeSelect<number>
      id={id}
      treeData={treeData}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('offices.selectPlaceholder')}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="name"
      treeDefaultExpandAll
      loading={loading}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
      data-testid={props['data-testid']}
      aria-label={props['aria-label']}
    />
  );
}

// Pickers for the appeals forms: a category from the category tree, several offices at once.
import { useMemo, type ReactNode } from 'react';
import { TreeSelect } from 'antd';
import { useI18n } from '../shell';
import { buildOfficeTree, type Office, type OfficeTreeNode } from '../offices';
import { categoryTree, type CategoryNode } from './api';
import { useCategories } from './reference';

interface TreeOption {
  value: number;
  title: ReactNode;
  name: string;
  /** What the field shows once chosen: the name alone, without the option's test id. */
  label?: string;
  disabled?: boolean;
  children: TreeOption[];
}

interface PickerProps<V> {
  id?: string;
  value?: V;
  onChange?: (v: V) => void;
  placeholder?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

export function CategoryTreeSelect(props: PickerProps<number | null>) {
  const { t } = useI18n();
  const { list } = useCategories();
  const treeData = useMemo(() => {
    // The search reads the keywords too: typing 油烟 finds 大气污染.
    const keywords = new Map(list.map((c) => [c.id, c.keywords.join(' ')]));
    const withTestIds = (n: CategoryNode): TreeOption => ({
      value: n.value,
      name: `${n.title} ${keywords.get(n.value) ?? ''}`,
      label: n.title,
      title: <span data-testid={`category-option-${n.value}`}>{n.title}</span>,
      children: n.children.map(withTestIds),
    });
    return categoryTree(list).map(withTestIds);
  }, [list]);
  return (
    <TreeSelect<number>
      id={props.id}
      treeData={treeData}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      placeholder={props.placeholder ?? t('common.select', { field: t('cases.field.category') })}
      allowClear
      showSearch
      treeNodeFilterProp="name"
      treeNodeLabelProp="label"
      loading={list.length === 0}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      data-testid={props['data-testid']}
      aria-label={props['aria-label']}
    />
  );
}


/** Several offices from the viewer's tree (assisting offices, 协办). */
export function OfficeMultiSelect(props: PickerProps<number[]> & { offices: readonly Office[]; exclude?: number | null }) {
  const { t } = useI18n();
  const { offices, exclude } = props;
  const treeData = useMemo(() => {
    const toOption = (n: OfficeTreeNode): TreeOption => ({
      value: n.office.id,
      name: n.office.name,
      title: <span data-testid={`office-multi-option-${n.office.id}`}>{n.office.name}</span>,
      disabled: n.office.id === exclude,
      children: n.children.map(toOption),
    });
    return buildOfficeTree(offices).map(toOption);
  }, [offices, exclude]);
  return (
    <TreeSelect<number[]>
      id={props.id}
      multiple
      treeData={treeData}
      value={props.value ?? []}
      onChange={(v) => props.onChange?.(v ?? [])}
      placeholder={props.placeholder ?? t('cases.form.selectOffice')}
      allowClear
      showSearch
      treeNodeFilterProp="name"
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      data-testid={props['data-testid']}
      aria-label={props['aria-label']}
    />
  );
}

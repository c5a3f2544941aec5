// 一单两库 as a department keeps them: its inspection item list (检查事项清单) and its inspector
// roster (执法检查人员名录) with each inspector's log-in and declared conflicts of interest, which
// every later draw excludes. The target roster is the enterprise registry, filtered per task.
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { applyFieldErrors, nameIn, useI18n, useLoad, useMe, useReportError, type Translate } from '../shell';
import { officesApi } from '../offices';
import { ENTERPRISE_KIND_NAMES, ENTERPRISE_KINDS } from '../enterprises';
import { inspectionsApi, ratio, type InspectionItemView, type InspectorView } from './api';

/** Which refusals belong next to which field. */
const FIELD_OF_CODE = { duplicate_item_code: 'code', duplicate_certificate: 'certificateNo', duplicate_inspector_account: 'userId', not_inspector_account: 'userId' };

/**
 * A dialog that adds a row or edits one: a refusal about one field is shown on it, a stale
 * version offers to reload the list; the dialog closes only on success.
 */
function EditDialog<V extends object>({ title, initial, onSave, onClose, onReload, children, testId }: {
  title: string; initial: Partial<V>; onSave: (values: V) => Promise<unknown>; onClose: (saved: boolean) => void; onReload: () => void;
  children: ReactNode; testId: string;
}) {
  const { t } = useI18n();
  const reportError = useReportError();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const submit = async (values: V) => {
    setSaving(true);
    try {
      await onSave(values);
      onClose(true);
    } catch (e) {
      if (!applyFieldErrors(form, e, FIELD_OF_CODE)) reportError(e, { onReload: () => { onClose(false); onReload(); } });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={title} onCancel={() => onClose(false)} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving}
      onOk={() => form.submit()} okButtonProps={{ 'data-testid': `${testId}-save` } as never} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid={testId}>{children}</Form>
    </Modal>
  );
}

/** A filled-in text field, or the message naming it. */
const requiredText = (t: Translate, field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

/**
 * The columns both lists end with: a switch that retires a row or brings it back, with the
 * version read (a stale row offers to reload the list), and the button that opens its edit dialog.
 */
function useKeepColumns<R extends { id: number; version: number; active: boolean }>(
  update: (id: number, body: unknown) => Promise<unknown>, reload: () => void, edit: (row: R) => void, testIds: { prefix: string; key: (row: R) => string },
) {
  const { t } = useI18n();
  const reportError = useReportError();
  const setActive = async (row: R, active: boolean) => {
    try {
      await update(row.id, { version: row.version, active });
      reload();
    } catch (e) {
      reportError(e, { onReload: reload });
    }
  };
  return [
    { title: t('inspections.lists.active'), key: 'active', render: (_: unknown, r: R) => <Switch size="small" checked={r.active} onChange={(on) => setActive(r, on)} data-testid={`${testIds.prefix}-active-${testIds.key(r)}`} /> },
    { title: t('common.actions'), key: 'edit', render: (_: unknown, r: R) => <Button size="small" onClick={() => edit(r)} data-testid={`${testIds.prefix}-edit-${testIds.key(r)}`}>{t('common.edit')}</Button> },
  ];
}

interface ItemForm { code: string; name: string; legalBasis: string; targetKind?: string | null; method: string; defaultBasisPoints: number }

function ItemsTab({ officeId }: { officeId: number }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const items = useLoad((signal) => inspectionsApi.items(signal, { officeId }), [officeId]);
  const [editing, setEditing] = useState<InspectionItemView | 'new' | null>(null);
  const save = async (v: ItemForm) => {
    const body = { ...v, targetKind: v.targetKind ?? null };
    if (editing === 'new') await inspectionsApi.createItem({ officeId, ...body });
    else await inspectionsApi.updateItem(editing!.id, { version: editing!.version, ...body });
  };
  const keepColumns = useKeepColumns<InspectionItemView>(inspectionsApi.updateItem, items.reload, setEditing, { prefix: 'item', key: (r) => r.code });
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="item-new">{t('inspections.lists.item.new')}</Button>
      <Table<InspectionItemView> style={{ marginTop: 16 }} rowKey="id" size="small" loading={items.loading} dataSource={items.data ?? []} pagination={false} scroll={{ x: true }}
        data-testid="item-table"
        columns={[
          { title: t('inspections.lists.item.code'), dataIndex: 'code' },
          { title: t('inspections.lists.item.name'), dataIndex: 'name' },
          { title: t('inspections.lists.item.legalBasis'), dataIndex: 'legalBasis' },
          { title: t('inspections.lists.item.targetKind'), key: 'kind', render: (_: unknown, r) => (r.targetKind ? nameIn(lang, ENTERPRISE_KIND_NAMES[r.targetKind as keyof typeof ENTERPRISE_KIND_NAMES]) : t('inspections.lists.item.anyKind')) },
          { title: t('inspections.lists.item.method'), dataIndex: 'method' },
          { title: t('inspections.lists.item.ratio'), key: 'ratio', render: (_: unknown, r) => ratio(r.defaultBasisPoints) },
          ...keepColumns,
        ]} />
      {editing && (
        <EditDialog<ItemForm> testId="item-form" title={editing === 'new' ? t('inspections.lists.item.new') : `${editing.code} ${editing.name}`}
          initial={editing === 'new' ? { defaultBasisPoints: 300 } : { ...editing, targetKind: editing.targetKind ?? undefined }} onSave={save} onReload={items.reload}
          onClose={(saved) => { setEditing(null); if (saved) { message.success(t('common.saved')); items.reload(); } }}>
          <>
            <Space wrap align="start">
              <Form.Item name="code" label={t('inspections.lists.item.code')} rules={requiredText(t, t('inspections.lists.item.code'))} extra={t('inspections.lists.codeHint')}>
                <Input style={{ width: 160 }} maxLength={40} data-testid="item-code" />
              </Form.Item>
              <Form.Item name="name" label={t('inspections.lists.item.name')} rules={requiredText(t, t('inspections.lists.item.name'))}>
                <Input style={{ width: 380 }} maxLength={200} data-testid="item-name" />
              </Form.Item>
            </Space>
            <Form.Item name="legalBasis" label={t('inspections.lists.item.legalBasis')} rules={requiredText(t, t('inspections.lists.item.legalBasis'))}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="item-legal-basis" />
            </Form.Item>
            <Space wrap align="start">
              <Form.Item name="targetKind" label={t('inspections.lists.item.targetKind')}>
                <Select style={{ width: 220 }} allowClear placeholder={t('inspections.lists.item.anyKind')} data-testid="item-target-kind"
                  options={ENTERPRISE_KINDS.map((k) => ({ value: k, label: nameIn(lang, ENTERPRISE_KIND_NAMES[k]) }))} />
              </Form.Item>
              <Form.Item name="method" label={t('inspections.lists.item.method')} rules={requiredText(t, t('inspections.lists.item.method'))}>
                <Input style={{ width: 160 }} maxLength={200} data-testid="item-method" />
              </Form.Item>
              <Form.Item name="defaultBasisPoints" label={t('inspections.lists.item.basisPoints')} rules={[{ required: true, message: t('common.required', { field: t('inspections.lists.item.ratio') }) }]}>
                <InputNumber min={1} max={10000} precision={0} data-testid="item-basis-points" />
              </Form.Item>
            </Space>
          </>
        </EditDialog>
      )}
    </>
  );
}

interface InspectorForm { name: string; certificateNo: string; qualifications: string[]; userId?: number | null; conflicts: { uscc: string; relation: string }[] }

function InspectorsTab({ officeId }: { officeId: number }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const inspectors = useLoad((signal) => inspectionsApi.inspectors({ officeId }, signal), [officeId]);
  const accounts = useLoad((signal) => inspectionsApi.accounts(officeId, signal), [officeId]);
  const [editing, setEditing] = useState<InspectorView | 'new' | null>(null);
  const accountName = (id: number | null) => {
    const a = (accounts.data ?? []).find((x) => x.id === id);
    return a ? `${a.name}（${a.username}）` : id === null ? t('inspections.lists.inspector.noLogin') : `#${id}`;
  };
  const linked = new Set((inspectors.data ?? []).map((i) => i.userId));
  const save = async (v: InspectorForm) => {
    const body = { ...v, userId: v.userId ?? null, qualifications: v.qualifications ?? [], conflicts: (v.conflicts ?? []).map((c) => ({ uscc: c.uscc.trim().toUpperCase(), relation: c.relation.trim() })) };
    if (editing === 'new') await inspectionsApi.createInspector({ officeId, ...body });
    else await inspectionsApi.updateInspector(editing!.id, { version: editing!.version, ...body });
  };
  const keepColumns = useKeepColumns<InspectorView>(inspectionsApi.updateInspector, inspectors.reload, setEditing, { prefix: 'inspector', key: (r) => r.certificateNo });
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="inspector-new">{t('inspections.lists.inspector.new')}</Button>
      <Table<InspectorView> style={{ marginTop: 16 }} rowKey="id" size="small" loading={inspectors.loading} dataSource={inspectors.data ?? []} pagination={false} scroll={{ x: true }}
        data-testid="inspector-table"
        columns={[
          { title: t('inspections.lists.inspector.name'), dataIndex: 'name' },
          { title: t('inspections.lists.inspector.certificate'), dataIndex: 'certificateNo' },
          { title: t('inspections.lists.inspector.qualifications'), key: 'q', render: (_: unknown, r) => r.qualifications.map((q) => <Tag key={q}>{q}</Tag>) },
          { title: t('inspections.lists.inspector.login'), key: 'login', render: (_: unknown, r) => accountName(r.userId) },
          {
            title: t('inspections.lists.inspector.conflicts'), key: 'c',
            render: (_: unknown, r) => (r.conflicts.length ? (
              <Space direction="vertical" size={0} data-testid={`inspector-conflicts-${r.certificateNo}`}>
                {r.conflicts.map((c) => <Typography.Text key={c.uscc} style={{ fontSize: 12 }}>{c.uscc} {c.relation}</Typography.Text>)}
              </Space>
            ) : t('common.none')),
          },
          ...keepColumns,
        ]} />
      {editing && (
        <EditDialog<InspectorForm> testId="inspector-form" title={editing === 'new' ? t('inspections.lists.inspector.new') : `${editing.name} ${editing.certificateNo}`}
          initial={editing === 'new' ? { qualifications: [], conflicts: [] } : { ...editing, userId: editing.userId ?? undefined }} onSave={save} onReload={inspectors.reload}
          onClose={(saved) => { setEditing(null); if (saved) { message.success(t('common.saved')); inspectors.reload(); } }}>
          <>
            <Space wrap align="start">
              <Form.Item name="name" label={t('inspections.lists.inspector.name')} rules={requiredText(t, t('inspections.lists.inspector.name'))}>
                <Input style={{ width: 180 }} maxLength={100} data-testid="inspector-name" />
              </Form.Item>
              <Form.Item name="certificateNo" label={t('inspections.lists.inspector.certificate')} rules={requiredText(t, t('inspections.lists.inspector.certificate'))} extra={t('inspections.lists.codeHint')}>
                <Input style={{ width: 200 }} maxLength={40} data-testid="inspector-certificate" />
              </Form.Item>
              <Form.Item name="userId" label={t('inspections.lists.inspector.login')} extra={t('inspections.lists.inspector.loginHint')}>
                <Select style={{ width: 200 }} allowClear placeholder={t('inspections.lists.inspector.noLogin')} loading={accounts.loading} data-testid="inspector-login"
                  options={(accounts.data ?? []).map((a) => ({
                    value: a.id, label: `${a.name}（${a.username}）`, disabled: linked.has(a.id) && (editing === 'new' || editing.userId !== a.id),
                  }))} />
              </Form.Item>
            </Space>
            <Form.Item name="qualifications" label={t('inspections.lists.inspector.qualifications')} extra={t('inspections.lists.inspector.qualificationsHint')}>
              <Select mode="tags" tokenSeparators={['，', ',']} open={false} data-testid="inspector-qualifications" aria-label={t('inspections.lists.inspector.qualifications')} />
            </Form.Item>
            <Typography.Text strong>{t('inspections.lists.inspector.conflicts')}</Typography.Text>
            <Typography.Paragraph type="secondary">{t('inspections.lists.inspector.conflictsHint')}</Typography.Paragraph>
            <Form.List name="conflicts">
              {(fields, { add, remove }) => (
                <div data-testid="inspector-conflicts">
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap>
                      <Form.Item name={[f.name, 'uscc']} rules={[{ required: true, pattern: /^[0-9A-Za-z]{18}$/, message: t('inspections.lists.inspector.usccRule') }]}>
                        <Input placeholder={t('inspections.lists.inspector.uscc')} aria-label={t('inspections.lists.inspector.uscc')} style={{ width: 220 }} maxLength={18} data-testid={`conflict-uscc-${f.name}`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'relation']} rules={requiredText(t, t('inspections.lists.inspector.relation'))}>
                        <Input placeholder={t('inspections.lists.inspector.relation')} aria-label={t('inspections.lists.inspector.relation')} style={{ width: 260 }} maxLength={200} data-testid={`conflict-relation-${f.name}`} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('inspections.lists.inspector.removeConflict')} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ uscc: '', relation: '' })} block data-testid="conflict-add">{t('inspections.lists.inspector.addConflict')}</Button>
                </div>
              )}
            </Form.List>
          </>
        </EditDialog>
      )}
    </>
  );
}

export default function ListsPage() {
  const { t } = useI18n();
  const me = useMe();
  const offices = useLoad((signal) => officesApi.list(signal), []);
  // The lists are kept per department, for the departments in the editor's own subtree.
  const departments = (offices.data ?? []).filter((o) => o.kind === 'department' && o.path.includes(`/${me.officeId}/`));
  const [picked, setPicked] = useState<number | null>(null);
  const officeId = picked ?? departments[0]?.id ?? null;
  return (
    <Card title={t('inspections.lists')} loading={offices.loading} extra={<Link to="/inspections">{t('inspections.plans')}</Link>}>
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Text>{t('inspections.plan.office')}</Typography.Text>
        <Select style={{ width: 280 }} value={officeId ?? undefined} onChange={setPicked} data-testid="lists-office" aria-label={t('inspections.plan.office')}
          options={departments.map((o) => ({ value: o.id, label: o.name }))} notFoundContent={t('inspections.lists.noDepartment')} />
      </Space>
      {officeId === null ? (
        <Typography.Paragraph type="secondary">{t('inspections.lists.noDepartment')}</Typography.Paragraph>
      ) : (
        <Tabs items={[
          { key: 'items', label: t('inspections.lists.items'), children: <ItemsTab officeId={officeId} /> },
          { key: 'inspectors', label: t('inspections.lists.inspectors'), children: <InspectorsTab officeId={officeId} /> },
        ]} />
      )}
    </Card>
  );
}

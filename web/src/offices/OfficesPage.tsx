import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Space, Spin, Tag, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { applyFieldErrors, errorText, isStale, useI18n, useLoad, useReportError } from '../shell';
import { buildOfficeTree, officePatch, officesApi, subtreeIds, type Office, type OfficeInput, type OfficeTreeNode } from './api';
import { OfficeFields } from './OfficeFields';

/** Server refusals that concern one field of the office form. */
const OFFICE_FIELDS = {
  invalid_name: 'name',
  office_name_taken: 'name',
  unknown_region: 'regionCode',
  region_outside_parent: 'regionCode',
  region_excludes_children: 'regionCode',
  unknown_parent: 'parentId',
  office_cycle: 'parentId',
};

function toFormValues(o: Office): OfficeInput {
  return { name: o.name, kind: o.kind, regionCode: o.regionCode, parentId: o.parentId };
}

export default function OfficesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const list = useMemo(() => offices.data ?? [], [offices.data]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);
  const [newForm] = Form.useForm<OfficeInput>();
  const [editForm] = Form.useForm<OfficeInput>();
  const [newOpen, setNewOpen] = useState(false);

  const selected = list.find((o) => o.id === selectedId) ?? null;

  // Reset the edit form whenever another office (or a newer version of it) is shown.
  useEffect(() => {
    setEditError(null);
    if (selected) editForm.setFieldsValue(toFormValues(selected));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected?.id, selected?.version]);

  const treeData = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const keep = (n: OfficeTreeNode): boolean =>
      !q || n.office.name.toLowerCase().includes(q) || n.children.some(keep);
    const toNode = (n: OfficeTreeNode): TreeDataNode => ({
      key: n.office.id,
      title: (
        <span data-testid={`office-node-${n.office.id}`}>
          {n.office.name}{' '}
          <Tag bordered={false} color="blue" style={{ marginInlineStart: 4 }}>
            {t(`officeKind.${n.office.kind}`)}
          </Tag>
        </span>
      ),
      children: n.children.filter(keep).map(toNode),
    });
    return buildOfficeTree(list).filter(keep).map(toNode);
  }, [list, filter, t]);

  const excludeParents = useMemo(() => (selected ? subtreeIds(list, selected.id) : undefined), [list, selected]);

  const openNew = () => {
    newForm.resetFields();
    newForm.setFieldsValue({ parentId: selectedId, regionCode: selected?.regionCode });
    setCreateError(null);
    setNewOpen(true);
  };

  const submitNew = async (v: OfficeInput) => {
    setCreating(true);
    setCreateError(null);
    try {
      const created = await officesApi.create({ ...v, name: v.name.trim(), parentId: v.parentId ?? null });
      message.success(t('offices.created', { name: created.name }));
      setNewOpen(false);
      offices.setData([...list, created]);
      setSelectedId(created.id);
    } catch (e) {
      if (!applyFieldErrors(newForm, e, OFFICE_FIELDS)) setCreateError(errorText(e, t('error.unexpected')));
    } finally {
      setCreating(false);
    }
  };

  const submitEdit = async (v: OfficeInput) => {
    if (!selected) return;
    const patch = officePatch(selected, v);
    if (Object.keys(patch).length === 1) {
      message.info(t('offices.noChange'));
      return;
    }
    setSaving(true);
    setEditError(null);
    try {
      const saved = await officesApi.update(selected.id, patch);
      offices.setData(list.map((o) => (o.id === saved.id ? saved : o)));
      message.success(t('offices.saved', { name: saved.name }));
    } catch (e) {
      if (isStale(e)) {
        reportError(e, { onReload: offices.reload });
      } else if (!applyFieldErrors(editForm, e, OFFICE_FIELDS)) {
        setEditError(errorText(e, t('error.unexpected')));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card
          title={t('offices.tree')}
          extra={
            <Space>
              <Button icon={<ReloadOutlined />} onClick={offices.reload} aria-label={t('common.reload')} />
              <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="office-new">
                {t('offices.new')}
              </Button>
            </Space>
          }
        >
          <Input.Search
            allowClear
            placeholder={t('offices.filter')}
            aria-label={t('offices.filter')}
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 12 }}
            data-testid="office-filter"
          />
          {offices.loading && !offices.data ? (
            <Spin />
          ) : treeData.length === 0 ? (
            <Empty description={t('offices.empty')} />
          ) : (
            <div data-testid="office-tree">
              <Tree
                treeData={treeData}
                defaultExpandAll
                key={filter ? `f:${filter}` : `n:${list.length}`}
                selectedKeys={selectedId !== null ? [selectedId] : []}
                onSelect={(keys) => setSelectedId(keys.length ? Number(keys[0]) : null)}
              />
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('offices.detail')} data-testid="office-detail">
          {!selected ? (
            <Empty description={t('offices.detailEmpty')} />
          ) : (
            <>
              <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('offices.id')}>{selected.id}</Descriptions.Item>
                <Descriptions.Item label={t('common.version')}>{selected.version}</Descriptions.Item>
                <Descriptions.Item label={t('offices.region')}>
                  {selected.regionName} ({selected.regionCode})
                </Descriptions.Item>
                <Descriptions.Item label={t('common.createdAt')}>
                  {dayjs(selected.createdAt).format('YYYY-MM-DD HH:mm')}
                </Descriptions.Item>
              </Descriptions>
              {editError && (
                <div role="alert" data-testid="office-edit-error" style={{ marginBottom: 12 }}>
                  <Alert type="error" showIcon message={editError} />
                </div>
              )}
              <Form<OfficeInput>
                form={editForm}
                layout="vertical"
                name="office-edit"
                onFinish={(v) => void submitEdit(v)}
                data-testid="office-edit-form"
              >
                <OfficeFields testIdPrefix="office-edit" offices={list} excludeParents={excludeParents} />
                <Space>
                  <Button type="primary" htmlType="submit" loading={saving} data-testid="office-save">
                    {t('common.save')}
                  </Button>
                  <Button onClick={() => editForm.setFieldsValue(toFormValues(selected))}>{t('common.cancel')}</Button>
                </Space>
              </Form>
            </>
          )}
        </Card>
      </Col>
      <Modal
        open={newOpen}
        title={t('offices.new')}
        onCancel={() => setNewOpen(false)}
        onOk={() => newForm.submit()}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={creating}
        okButtonProps={{ 'data-testid': 'office-submit' }}
        forceRender
      >
        <div data-testid="office-new-dialog">
          {createError && (
            <div role="alert" data-testid="office-form-error" style={{ marginBottom: 12 }}>
              <Alert type="error" showIcon message={createError} />
            </div>
          )}
          <Form<OfficeInput> form={newForm} layout="vertical" name="office-new" onFinish={(v) => void submitNew(v)} data-testid="office-form">
            <OfficeFields testIdPrefix="office" offices={list} />
          </Form>
        </div>
      </Modal>
    </Row>
  );
}

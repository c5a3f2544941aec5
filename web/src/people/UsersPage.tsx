import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { applyFieldErrors, errorText, isStale, ROLE_COLORS, useI18n, useLoad, useReportError } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import { isLocked, userPatch, usersApi, type NewUser, type User, type UserEdit } from './api';
import { RoleCheckboxes } from './RoleCheckboxes';

/** Server refusals that concern one field of the user forms. */
const USER_FIELDS = {
  invalid_username: 'username',
  username_taken: 'username',
  invalid_name: 'name',
  weak_password: 'password',
  office_required: 'officeId',
  enterprise_without_office: 'officeId',
  unknown_office: 'officeId',
  no_roles: 'roles',
  unknown_role: 'roles',
  duplicate_role: 'roles',
  enterprise_with_government_role: 'roles',
};

function InlineError({ text, testId }: { text: string | null; testId: string }) {
  if (!text) return null;
  return (
    <div role="alert" data-testid={testId} style={{ marginBottom: 12 }}>
      <Alert type="error" showIcon message={text} />
    </div>
  );
}

export default function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const officeList = useMemo(() => offices.data ?? [], [offices.data]);
  const users = useLoad((signal) => usersApi.list({ officeId, q }, signal), [officeId, q]);

  const [newOpen, setNewOpen] = useState(false);
  const [newForm] = Form.useForm<NewUser>();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);

  const [editing, setEditing] = useState<User | null>(null);
  const [editForm] = Form.useForm<UserEdit>();
  const [saving, setSaving] = useState(false);
  const [editError, setEditError] = useState<string | null>(null);

  const openNew = () => {
    newForm.resetFields();
    newForm.setFieldsValue({ officeId, roles: [] });
    setCreateError(null);
    setNewOpen(true);
  };

  const submitNew = async (v: NewUser) => {
    setCreating(true);
    setCreateError(null);
    try {
      const created = await usersApi.create({ ...v, username: v.username.trim(), name: v.name.trim(), officeId: v.officeId ?? null });
      message.success(t('people.created', { name: created.name }));
      setNewOpen(false);
      users.reload();
    } catch (e) {
      if (!applyFieldErrors(newForm, e, USER_FIELDS)) setCreateError(errorText(e, t('error.unexpected')));
    } finally {
      setCreating(false);
    }
  };

  const openEdit = (u: User) => {
    setEditing(u);
    setEditError(null);
    editForm.resetFields();
    editForm.setFieldsValue({ name: u.name, officeId: u.officeId, roles: u.roles, active: u.active, password: '' });
  };

  /** 409: fetch the list again and reopen the dialog on the fresh record. */
  const reloadEditing = async (id: number) => {
    try {
      const fresh = await usersApi.list({ officeId, q });
      users.setData(fresh);
      const u = fresh.find((x) => x.id === id);
      if (u) openEdit(u);
      else setEditing(null);
    } catch (e) {
      reportError(e);
    }
  };

  const applySaved = (saved: User) => {
    users.setData((users.data ?? []).map((u) => (u.id === saved.id ? saved : u)));
  };

  const submitEdit = async (v: UserEdit) => {
    if (!editing) return;
    const patch = userPatch(editing, v);
    if (Object.keys(patch).length === 1) {
      message.info(t('people.noChange'));
      return;
    }
    setSaving(true);
    setEditError(null);
    try {
      const saved = await usersApi.update(editing.id, patch);
      applySaved(saved);
      message.success(t('people.saved', { name: saved.name }));
      setEditing(null);
    } catch (e) {
      if (isStale(e)) reportError(e, { onReload: () => void reloadEditing(editing.id) });
      else if (!applyFieldErrors(editForm, e, USER_FIELDS)) setEditError(errorText(e, t('error.unexpected')));
    } finally {
      setSaving(false);
    }
  };

  const unlock = async () => {
    if (!editing) return;
    try {
      const saved = await usersApi.update(editing.id, { version: editing.version, unlock: true });
      applySaved(saved);
      setEditing(saved);
      message.success(t('people.unlocked'));
    } catch (e) {
      reportError(e, { onReload: () => void reloadEditing(editing.id) });
    }
  };

  const columns: TableColumnsType<User> = [
    { title: t('people.username'), dataIndex: 'username', key: 'username' },
    { title: t('people.name'), dataIndex: 'name', key: 'name' },
    { title: t('people.office'), dataIndex: 'officeName', key: 'office', render: (v: string | null) => v ?? '—' },
    {
      title: t('people.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: User['roles']) =>
        roles.map((r) => (
          <Tag key={r} color={ROLE_COLORS[r]}>
            {t(`role.${r}`)}
          </Tag>
        )),
    },
    {
      title: t('people.status'),
      key: 'status',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.active ? <Tag color="green">{t('people.active')}</Tag> : <Tag>{t('people.inactive')}</Tag>}
          {isLocked(u) && (
            <Tag color="red" data-testid={`user-locked-${u.id}`}>
              {t('people.locked', { time: dayjs(u.lockedUntil).format('MM-DD HH:mm') })}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => openEdit(u)} data-testid={`user-edit-${u.id}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('people.menu')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="user-new">
          {t('people.new')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <OfficeTreeSelect
          offices={officeList}
          loading={offices.loading}
          value={officeId}
          onChange={setOfficeId}
          placeholder={t('people.filterOffice')}
          aria-label={t('people.filterOffice')}
          style={{ width: 260 }}
          data-testid="user-filter-office"
        />
        <Input.Search
          allowClear
          placeholder={t('people.filterQ')}
          aria-label={t('people.filterQ')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 260 }}
          data-testid="user-filter-q"
        />
        <Button icon={<ReloadOutlined />} onClick={users.reload} aria-label={t('common.reload')} />
      </Space>
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.loading}
        data-testid="user-table"
        pagination={{ pageSize: 20, showTotal: (n) => t('people.total', { n }), hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />

      <Modal
        open={newOpen}
        title={t('people.new')}
        onCancel={() => setNewOpen(false)}
        onOk={() => newForm.submit()}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={creating}
        okButtonProps={{ 'data-testid': 'user-submit' }}
        forceRender
        width={640}
      >
        <div data-testid="user-new-dialog">
          <InlineError text={createError} testId="user-form-error" />
          <Form<NewUser> form={newForm} layout="vertical" name="user-new" onFinish={(v) => void submitNew(v)} data-testid="user-form">
            <Form.Item
              label={t('people.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('people.username') }) }]}
            >
              <Input autoComplete="off" maxLength={64} data-testid="user-username" />
            </Form.Item>
            <Form.Item
              label={t('people.name')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('people.name') }) }]}
            >
              <Input maxLength={64} data-testid="user-name" />
            </Form.Item>
            <Form.Item
              label={t('people.password')}
              name="password"
              extra={t('password.policy')}
              rules={[{ required: true, message: t('common.required', { field: t('people.password') }) }]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
            <Form.Item label={t('people.office')} name="officeId">
              <OfficeTreeSelect offices={officeList} data-testid="user-office" />
            </Form.Item>
            <Form.Item
              label={t('people.roles')}
              name="roles"
              rules={[{ required: true, type: 'array', min: 1, message: t('people.rolesRequired') }]}
            >
              <RoleCheckboxes data-testid="user-roles" />
            </Form.Item>
          </Form>
        </div>
      </Modal>

      <Modal
        open={editing !== null}
        title={editing ? `${t('people.edit')} · ${editing.username}` : t('people.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => editForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'user-edit-submit' }}
        forceRender
        width={640}
      >
        <div data-testid="user-edit-dialog">
          <InlineError text={editError} testId="user-edit-error" />
          {editing && isLocked(editing) && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('people.locked', { time: dayjs(editing.lockedUntil).format('YYYY-MM-DD HH:mm') })}
              action={
                <Button size="small" icon={<UnlockOutlined />} onClick={() => void unlock()} data-testid="user-unlock">
                  {t('people.unlock')}
                </Button>
              }
            />
          )}
          <Form<UserEdit> form={editForm} layout="vertical" name="user-edit" onFinish={(v) => void submitEdit(v)} data-testid="user-edit-form">
            <Form.Item
              label={t('people.name')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('people.name') }) }]}
            >
              <Input maxLength={64} data-testid="user-edit-name" />
            </Form.Item>
            <Form.Item label={t('people.office')} name="officeId">
              <OfficeTreeSelect offices={officeList} data-testid="user-edit-office" />
            </Form.Item>
            <Form.Item
              label={t('people.roles')}
              name="roles"
              rules={[{ required: true, type: 'array', min: 1, message: t('people.rolesRequired') }]}
            >
              <RoleCheckboxes data-testid="user-edit-roles" />
            </Form.Item>
            <Form.Item label={t('people.activeSwitch')} name="active" valuePropName="checked">
              <Switch data-testid="user-edit-active" />
            </Form.Item>
            <Form.Item
              label={t('people.resetPassword')}
              name="password"
              extra={
                <>
                  {t('people.resetPasswordHint')}
                  <br />
                  {t('password.policy')}
                </>
              }
            >
              <Input.Password autoComplete="new-password" data-testid="user-edit-password" />
            </Form.Item>
          </Form>
          {editing && (
            <Tooltip title={t('common.version')}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                v{editing.version}
              </Typography.Text>
            </Tooltip>
          )}
        </div>
      </Modal>
    </Card>
  );
}

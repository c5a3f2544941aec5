import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useAuth } from './auth';
import { applyFieldErrors, errorText } from './errors';
import { useI18n } from './i18n';

const PASSWORD_FIELDS = { wrong_password: 'currentPassword', same_password: 'newPassword', weak_password: 'newPassword' };

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * POST /api/me/password. With `forced` (mustChangePassword after login) the dialog cannot be
 * dismissed; the user may only change the password or sign out.
 */
export function ChangePasswordDialog({ open, forced, onClose }: { open: boolean; forced: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { changePassword, logout } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (v: PasswordForm) => {
    setSaving(true);
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.done'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e, PASSWORD_FIELDS)) setError(errorText(e, t('error.unexpected')));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      onCancel={forced ? undefined : onClose}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="logout" onClick={() => void logout()}>
            {t('header.logout')}
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        ),
        <Button key="submit" type="primary" loading={saving} onClick={() => form.submit()} data-testid="pwd-submit">
          {t('password.submit')}
        </Button>,
      ]}
    >
      <div data-testid="change-password-dialog">
        {forced && <Alert type="warning" showIcon message={t('password.forced')} style={{ marginBottom: 16 }} />}
        {error && (
          <div role="alert" data-testid="pwd-error" style={{ marginBottom: 16 }}>
            <Alert type="error" showIcon message={error} />
          </div>
        )}
        <Form<PasswordForm> form={form} layout="vertical" name="change-password" onFinish={submit}>
          <Form.Item
            label={t('password.current')}
            name="currentPassword"
            rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="pwd-current" />
          </Form.Item>
          <Form.Item
            label={t('password.new')}
            name="newPassword"
            dependencies={['currentPassword']}
            extra={t('password.policy')}
            rules={[
              { required: true, message: t('common.required', { field: t('password.new') }) },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error(t('password.same')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="pwd-new" />
          </Form.Item>
          <Form.Item
            label={t('password.confirm')}
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.confirm') }) },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="pwd-confirm" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

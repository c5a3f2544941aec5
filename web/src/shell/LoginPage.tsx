import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { safeNext, useAuth } from './auth';
import { errorText } from './errors';
import { useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { useRegistry } from './modules';
import { FullPageSpin } from './FullPageSpin';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { status, me, login, sessionExpired } = useAuth();
  const { loginLinks } = useRegistry();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  if (me) return <Navigate to={next} replace />;
  if (status === 'loading') {
    return <FullPageSpin />;
  }

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #e8f0fe 0%, #f5f7fa 60%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 16 }}>
        <LanguageSwitch />
      </div>
      <main style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 4, color: '#b71c1c' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </div>
        <Card title={<h1 style={{ fontSize: 16, margin: 0 }}>{t('login.title')}</h1>}>
          {sessionExpired && !error && (
            <Alert type="info" showIcon message={t('error.session')} style={{ marginBottom: 16 }} />
          )}
          {error && (
            <div data-testid="login-error" role="alert" style={{ marginBottom: 16 }}>
              <Alert type="error" showIcon message={error} />
            </div>
          )}
          <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} name="login" data-testid="login-form">
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 8 }}>
              <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.hint')}
          </Typography.Text>
        </Card>
        {loginLinks.length > 0 && (
          <nav aria-label={t('login.publicLinks')} style={{ marginTop: 16, textAlign: 'center' }} data-testid="login-public-links">
            <Space size="large" wrap style={{ justifyContent: 'center' }}>
              {loginLinks.map((l) => (
                <Link key={l.key} to={l.path} data-testid={`login-link-${l.key}`}>
                  <Space size={4}>
                    {l.icon}
                    {t(l.labelKey)}
                  </Space>
                </Link>
              ))}
            </Space>
          </nav>
        )}
      </main>
    </div>
  );
}

import { Button, Result, Spin } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from './i18n';

function BackHome() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.back')}
    </Button>
  );
}

/** While the session is being checked. */
export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Shown instead of a page the user's roles do not allow. */
export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <div data-testid="forbidden" role="alert">
      <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} extra={<BackHome />} />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div data-testid="not-found">
      <Result status="404" title={t('notFound.title')} subTitle={t('notFound.subtitle')} extra={<BackHome />} />
    </div>
  );
}

// The pages App.tsx shows instead of a route's: loaded only when one is shown, since antd's
// Result carries its illustrations.
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useAuth } from './auth';
import { errorText } from './errors';
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

/** The session could not be checked (the server is down or answered an error): retry. */
export function SessionErrorPage() {
  const { loadError, refresh } = useAuth();
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('error.server.title')}
      subTitle={errorText(loadError, t('error.unexpected'))}
      extra={
        <Button type="primary" onClick={() => void refresh()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

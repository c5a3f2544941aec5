import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from './i18n';

/** Toggles zh-CN ⇄ English; the label names the language you switch to. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const next = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLang(next)}
      title={t('header.languageTitle')}
      aria-label={`${t('header.languageTitle')}: ${t('header.language')}`}
      lang={next}
      data-testid="lang-switch"
    >
      {t('header.language')}
    </Button>
  );
}

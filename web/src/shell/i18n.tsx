// Small i18n layer: zh-CN first, English second. Each module ships a `messages.ts`
// ({ 'zh-CN': {...}, en: {...} }); the shell merges them into one dictionary per language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLanguage } from './api';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Dict = Record<string, string>;
export type Messages = Record<Lang, Dict>;

export const DEFAULT_LANG: Lang = 'zh-CN';
const STORAGE_KEY = 'qinqing.lang';

/**
 * Declares a module's dictionary. Both languages must carry the same keys: a key missing
 * from either is a type error.
 */
/** A bilingual name from a server contract in the page's language. */
export const nameIn = (lang: Lang, n: { zh: string; en: string }) => (lang === 'en' ? n.en : n.zh);

export function defineMessages<K extends string>(messages: { 'zh-CN': Record<K, string>; en: Record<K, string> }): Messages {
  return messages;
}

/**
 * `{prefix}.{code}` → the Chinese name of each code from a server contract (src/<module>/contract.ts),
 * so roles, office kinds, statuses, … read the same in the pages as in the API's messages,
 * notifications and exports. The English labels stay each module's own on purpose: short and
 * capitalised for tags, menus and buttons, where a contract's English is worded to sit inside a
 * sentence.
 */
export function chineseNames<P extends string, C extends string>(prefix: P, codes: readonly C[], names: NoInfer<Record<C, { zh: string }>>): Record<`${P}.${C}`, string> {
  return Object.fromEntries(codes.map((c) => [`${prefix}.${c}`, names[c].zh])) as Record<`${P}.${C}`, string>;
}

export function readStoredLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    /* storage unavailable (private mode): fall back to the default */
  }
  return DEFAULT_LANG;
}

function applyLang(lang: Lang) {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  setApiLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** Replaces `{name}` placeholders. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

export function mergeMessages(list: readonly Messages[]): Messages {
  const out: Messages = { 'zh-CN': {}, en: {} };
  for (const m of list) {
    for (const lang of LANGS) {
      for (const [k, v] of Object.entries(m[lang])) {
        if (import.meta.env.DEV && k in out[lang] && out[lang][k] !== v) {
          console.warn(`[i18n] key "${k}" defined twice for ${lang}`);
        }
        out[lang][k] = v;
      }
    }
  }
  return out;
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ messages, children }: { messages: readonly Messages[]; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = readStoredLang();
    applyLang(initial);
    return initial;
  });
  const dict = useMemo(() => mergeMessages(messages), [messages]);

  useEffect(() => applyLang(lang), [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* ignore */
    }
    applyLang(next);
    setLangState(next);
  }, []);

  const t = useCallback<Translate>(
    (key, vars) => interpolate(dict[lang][key] ?? dict[DEFAULT_LANG][key] ?? key, vars),
    [dict, lang],
  );

  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n must be used inside <I18nProvider>');
  return v;
}

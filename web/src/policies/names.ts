import type { Lang } from '../shell';

/** The name of a code in the page's language. */
export const nameIn = (lang: Lang, n: { zh: string; en: string }) => (lang === 'en' ? n.en : n.zh);

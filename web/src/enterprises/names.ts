// Names of the registry's codes in the reader's language, and the industry picker's options.
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from './api';

export { nameIn } from '../shell';

/** `C13 农副食品加工业` (the standard's names are Chinese only). */
export const industryText = (division: string | null, section: string | null) =>
  division ? `${section ?? ''}${division} ${INDUSTRY_DIVISIONS[division] ?? ''}` : '—';

/** Sections, each with its divisions under it: a filter may pick either. */
export const industryTree = () =>
  INDUSTRY_SECTIONS.map((s) => ({
    value: s.code,
    title: `${s.code} ${s.name}`,
    children: s.divisions.map((d) => ({ value: d, title: `${s.code}${d} ${INDUSTRY_DIVISIONS[d]}` })),
  }));

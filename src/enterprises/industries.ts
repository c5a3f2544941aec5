/**
 * Rules over the GB/T 4754-2017 classification (its sections and divisions are data in
 * contract.ts, where the web app takes them too): which section holds a division, and reading a
 * division as people write it. Pure.
 */
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, type IndustrySection } from './contract.js';

export { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, type IndustrySection };

/** The section a division belongs to, or null for a code the standard does not have. */
export function industrySectionOf(division: string): IndustrySection | null {
  if (!(division in INDUSTRY_DIVISIONS)) return null;
  return INDUSTRY_SECTIONS.find((s) => s.divisions.includes(division)) ?? null;
}

/** The divisions of a section, in order. */
export function divisionsOfSection(section: string): string[] {
  return [...(INDUSTRY_SECTIONS.find((x) => x.code === section)?.divisions ?? [])];
}

/**
 * Reads a division as people write it in a spreadsheet: `13`, `C13`, `13 农副食品加工业`, or the
 * division's name alone. Null when it names none.
 */
export function parseIndustryDivision(text: string): string | null {
  const t = text.trim();
  const code = /^[A-Ta-t]?\s*([0-9]{1,2})(?![0-9])/.exec(t)?.[1];
  if (code !== undefined) {
    const d = code.padStart(2, '0');
    const section = /^[A-Ta-t]/.test(t) ? t[0].toUpperCase() : null;
    if (!(d in INDUSTRY_DIVISIONS)) return null;
    return section === null || industrySectionOf(d)?.code === section ? d : null;
  }
  return Object.entries(INDUSTRY_DIVISIONS).find(([, name]) => name === t)?.[0] ?? null;
}

/**
 * GB/T 2260 region codes: 6 digits, two for the province, two for the city (prefecture), two for
 * the county. The level and the parent follow from the digits alone.
 */
import type { RegionLevel } from './contract.js';

export function isRegionCode(code: string): boolean {
  return /^[1-9][0-9]{5}$/.test(code);
}

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The code of the level above, or null for a province. */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 'province':
      return null;
    case 'city':
      return `${code.slice(0, 2)}0000`;
    case 'county':
      return `${code.slice(0, 4)}00`;
  }
}

/** True when `code` is `ancestor` or lies under it. */
export function regionWithin(code: string, ancestor: string): boolean {
  switch (regionLevel(ancestor)) {
    case 'province':
      return code.slice(0, 2) === ancestor.slice(0, 2);
    case 'city':
      return code.slice(0, 4) === ancestor.slice(0, 4);
    case 'county':
      return code === ancestor;
  }
}

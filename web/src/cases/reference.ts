// Reference data the appeals pages share: office names in the viewer's scope, the category tree,
// and the length of an office day. Each is fetched once per signed-in user and kept for the
// session (they change rarely; a reload of the page fetches them again).
import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../shell';
import { officesApi, type Office } from '../offices';
import { calendarApi } from '../calendar';
import { regionsApi } from '../regions';
import { casesApi, categoryPath, officeDayMinutes, type Category } from './api';

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Forgets what was cached (e.g. after an office was created). */
export function forgetReference(): void {
  cache.clear();
}

function useCached<T>(key: string | null, load: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<{ key: string; data: T } | undefined>(undefined);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    cached(key, load)
      .then((data) => {
        if (live) setValue({ key, data });
      })
      .catch(() => {
        /* reference data is decoration: the page still works with ids */
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return value && value.key === key ? value.data : undefined;
}

export interface OfficeNames {
  offices: Office[];
  loading: boolean;
  /** The office's name when it is in the viewer's scope, else "#id". */
  label: (id: number | null | undefined) => string;
}

/** Offices in the viewer's scope (GET /api/offices) and a name for any office id. */
export function useOffices(): OfficeNames {
  const { me } = useAuth();
  const list = useCached(me ? `offices:${me.id}` : null, () => officesApi.list());
  return useMemo(() => {
    const byId = new Map((list ?? []).map((o) => [o.id, o.name]));
    return {
      offices: list ?? [],
      loading: list === undefined,
      label: (id) => (id === null || id === undefined ? '—' : byId.get(id) ?? `#${id}`),
    };
  }, [list]);
}

export interface Categories {
  list: Category[];
  path: (id: number | null) => string | null;
}

/** The category tree (GET /api/case-categories). */
export function useCategories(): Categories {
  const list = useCached('categories', () => casesApi.categories());
  return useMemo(() => ({ list: list ?? [], path: (id: number | null) => categoryPath(list ?? [], id) }), [list]);
}

/** Office minutes in a working day, from the configured office hours (420 until known). */
export function useOfficeDayMinutes(): number {
  const { me } = useAuth();
  const hours = useCached(me ? 'office-hours' : null, () => calendarApi.officeHours());
  return officeDayMinutes(hours?.periods);
}

/** "河南省 / 驻马店市" for a region code (GET /api/regions/:code, public); the code until known. */
export function useRegionName(code: string | null): string | null {
  const detail = useCached(code ? `region:${code}` : null, () => regionsApi.get(code!));
  if (!code) return null;
  if (!detail) return code;
  return [...detail.ancestors.map((a) => a.name), detail.name].join(' / ');
}

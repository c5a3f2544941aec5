// The proactive governance API (未诉先办) as the web app uses it; shapes and names from the server's contract.
import { api } from '../shell';
import {
  HOTSPOT_KIND_NAMES, HOTSPOT_STATUS_NAMES, TASK_STATUS_NAMES, TUNABLES, TUNABLE_SETTINGS,
  type HotspotPage, type HotspotStatus, type HotspotView, type ProactiveSettingsPage, type RepeatCallerView, type TaskPage, type TaskView, type TrendPoint, type TunableSetting,
} from '../../../src/proactive/contract';

export { HOTSPOT_KIND_NAMES, HOTSPOT_STATUS_NAMES, TASK_STATUS_NAMES, TUNABLES, TUNABLE_SETTINGS };
export type { HotspotPage, HotspotStatus, HotspotView, ProactiveSettingsPage, RepeatCallerView, TaskPage, TaskView, TrendPoint, TunableSetting };

export interface SeriesCase {
  id: number;
  code: string;
  title: string;
  type: string;
  status: string;
  acceptedAt: string;
}

export interface Assignment {
  ownerOfficeId: number;
  assistingOfficeIds?: number[];
  limitDays: number;
  title: string;
  description: string;
}

export const proactiveApi = {
  hotspots: (q: { status?: HotspotStatus }, signal?: AbortSignal) => api.get<HotspotPage>('/api/hotspots', q, { signal }),
  hotspot: (id: number, signal?: AbortSignal) => api.get<HotspotView & { trend: TrendPoint[] }>(`/api/hotspots/${id}`, undefined, { signal }),
  hotspotCases: (id: number, signal?: AbortSignal) => api.get<{ total: number; items: SeriesCase[] }>(`/api/hotspots/${id}/cases`, undefined, { signal }),
  dismiss: (id: number, version: number, reason: string) => api.post<HotspotView>(`/api/hotspots/${id}/dismiss`, { version, reason }),
  turnIntoTask: (id: number, version: number, a: Assignment) => api.post<HotspotView>(`/api/hotspots/${id}/task`, { version, ...a }),
  tasks: (q: { topics?: boolean }, signal?: AbortSignal) => api.get<TaskPage>('/api/proactive-tasks', q, { signal }),
  task: (id: number, signal?: AbortSignal) => api.get<TaskView>(`/api/proactive-tasks/${id}`, undefined, { signal }),
  setTask: (a: Assignment) => api.post<TaskView>('/api/proactive-tasks', a),
  act: (id: number, action: string, body: Record<string, unknown>) => api.post<TaskView>(`/api/proactive-tasks/${id}/${action}`, body),
  effect: (signal?: AbortSignal) => api.get<{ items: TaskView[] }>('/api/proactive-tasks/effect', undefined, { signal }),
  effectXlsxUrl: '/api/proactive-tasks/effect?format=xlsx',
  repeatCallers: (signal?: AbortSignal) => api.get<{ items: RepeatCallerView[] }>('/api/repeat-callers', undefined, { signal }),
  settings: (signal?: AbortSignal) => api.get<ProactiveSettingsPage>('/api/proactive/settings', undefined, { signal }),
  saveSettings: (version: number, values: Partial<Record<TunableSetting, number | null>>) => api.put<ProactiveSettingsPage>('/api/proactive/settings', { version, values }),
};

/** A series in words: 食品安全 · 驿城区, an address, an enterprise's code, or the shared words of a cluster. */
export function seriesLabel(h: HotspotView, lang: 'zh-CN' | 'en'): string {
  const all = lang === 'en' ? 'all' : '全部';
  switch (h.kind) {
    case 'category_region': return `${h.categoryName ?? `${all}`} · ${h.regionName ?? h.regionCode ?? all}`;
    case 'address': return h.address ?? '';
    case 'enterprise': return h.uscc ?? '';
    case 'text_cluster': return h.terms.join(lang === 'en' ? ', ' : '、');
  }
}

/** A change in per cent with its sign, or a dash. */
export const signedPercent = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v}%`);

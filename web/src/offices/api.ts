// The offices (单位) API as the web app uses it. The shapes come from the server's contract
// (src/offices/contract.ts); what is left here is the calls and the tree helpers the pages share.
import { api, type ListResponse } from '../shell';
import type { OfficeInput, OfficePatch, OfficeView as Office } from '../../../src/offices/contract';

export type { OfficeInput, OfficePatch, OfficeView as Office } from '../../../src/offices/contract';

export const officesApi = {
  /** The caller's visible subtree, flat. */
  list: (signal?: AbortSignal) => api.get<ListResponse<Office>>('/api/offices', undefined, { signal }).then((r) => r.items),
  create: (body: OfficeInput) => api.post<Office>('/api/offices', body),
  update: (id: number, body: OfficePatch) => api.patch<Office>(`/api/offices/${id}`, body),
};

export interface OfficeTreeNode {
  office: Office;
  children: OfficeTreeNode[];
}

/**
 * Builds the office forest from the flat list by parentId. An office whose parent is not in
 * the list (outside the caller's subtree) becomes a root; input order is kept.
 */
export function buildOfficeTree(offices: readonly Office[]): OfficeTreeNode[] {
  const nodes = new Map<number, OfficeTreeNode>();
  for (const o of offices) nodes.set(o.id, { office: o, children: [] });
  const roots: OfficeTreeNode[] = [];
  for (const o of offices) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The office and everything under it: the parents it must not be moved under. */
export function subtreeIds(offices: readonly Office[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of offices) {
      if (o.parentId !== null && out.has(o.parentId) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Only the fields that differ from the saved record, plus its version. */
export function officePatch(saved: Office, values: OfficeInput): OfficePatch {
  const patch: OfficePatch = { version: saved.version };
  if (values.name.trim() !== saved.name) patch.name = values.name.trim();
  if (values.kind !== saved.kind) patch.kind = values.kind;
  if (values.regionCode !== saved.regionCode) patch.regionCode = values.regionCode;
  if ((values.parentId ?? null) !== saved.parentId) patch.parentId = values.parentId ?? null;
  return patch;
}

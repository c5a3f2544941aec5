/** Likely duplicates (重复件) of a new appeal: same requester or same address, similar text, recent. */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { searchTerms } from '../platform/search/terms.js';
import { caseScope, identityVisible } from './access.js';
import { encodeValue as encode } from '../platform/lifecycle/index.js';
import type { DuplicateHint } from './contract.js';

export type { DuplicateHint } from './contract.js';

const WINDOW_DAYS = 30;
const MIN_SIMILARITY = 0.3;

export async function findLikelyDuplicates(db: Db, actor: Actor, probe: { title: string; content: string; phone?: string | null; address?: string | null; uscc?: string | null }): Promise<DuplicateHint[]> {
  const standing = await caseScope(db, actor);
  const scope = standing.visible;
  if (!scope) return [];
  const terms = searchTerms(`${probe.title} ${probe.content.slice(0, 800)} ${probe.address ?? ''}`);
  const phone = probe.phone?.trim() || null;
  const address = probe.address?.trim() || null;
  const uscc = probe.uscc?.trim().toUpperCase() || null;
  if (!phone && !address && !uscc) return [];
  // A protected requester is matched only by those who may know who they are.
  const identityShown = identityVisible(standing);
  const sameRequester = sql`coalesce((c.requester_phone = ${phone} or c.requester_uscc = ${uscc}) and ${identityShown}, false)`;
  const rows = await queryRows<DuplicateHint & { overlap: number }>(db, sql`
    select c.id, c.code, c.title, c.status, to_char(c.accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "acceptedAt",
      ${sameRequester} as "sameRequester",
      coalesce(c.address = ${address}, false) as "sameAddress",
      cardinality(array(select unnest(c.search_terms) intersect select unnest(${encode('textarr', terms)}))) as overlap
    from cases c
    where ${scope} and c.status <> 'merged' and c.accepted_at > now() - make_interval(days => ${WINDOW_DAYS})
      and (${sameRequester} or c.address = ${address})
    order by c.accepted_at desc limit 50`);
  return rows
    .map(({ overlap, ...r }) => ({ ...r, similarity: terms.length ? Math.round((overlap / terms.length) * 100) / 100 : 0 }))
    .filter((r) => r.similarity >= MIN_SIMILARITY)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 5);
}

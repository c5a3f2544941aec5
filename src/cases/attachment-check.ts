/**
 * `audit verify`'s check of case attachments: each stored file must be the one its case's
 * `attach` event recorded — the bytes re-hashed (SHA-256) and measured, the name, type and stored
 * hash compared — and every attachment an event recorded must still be there.
 */
import { sql, queryRows } from '../platform/db/engine.js';
import type { IntegrityCheck } from '../platform/integrity.js';

/** Files are hashed in the database a page at a time: at most 10 MB each. */
const PAGE = 100;

interface Stored {
  id: number;
  caseId: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  bytes: number;
  actual: string;
  seq: number | null;
  recorded: { fileName?: string; contentType?: string; size?: number; sha256?: string } | null;
}

/** The sentences naming how one attachment differs from its event (pure). */
export function attachmentProblems(a: Stored): string[] {
  const what = `attachment ${a.id} of case ${a.caseId}`;
  if (!a.recorded) return [`${what}: no event of its case records it (added without an event)`];
  const problems: string[] = [];
  const event = `event ${a.seq}`;
  if (a.actual !== a.recorded.sha256 || a.bytes !== a.recorded.size) problems.push(`${what}: its bytes differ from those ${event} recorded (SHA-256 ${a.actual}, recorded ${a.recorded.sha256})`);
  for (const [field, stored, recorded] of [['file name', a.fileName, a.recorded.fileName], ['content type', a.contentType, a.recorded.contentType],
    ['stored SHA-256', a.sha256, a.recorded.sha256], ['size', a.size, a.recorded.size]] as const) {
    if (stored !== recorded) problems.push(`${what}: its ${field} differs from ${event}`);
  }
  return problems;
}

export const attachmentCheck: IntegrityCheck = {
  label: 'case attachment',
  async run(db) {
    const problems: string[] = [];
    let checked = 0;
    for (let cursor = 0; ;) {
      const page = await queryRows<Stored>(db, sql`select a.id, a.case_id as "caseId", a.file_name as "fileName", a.content_type as "contentType", a.size, a.sha256,
          length(a.data) as bytes, encode(sha256(a.data), 'hex') as actual, e.seq, e.data as recorded
        from case_attachments a left join lateral (select seq, data from case_events e
          where e.case_id = a.case_id and e.action = 'attach' and e.data ->> 'attachmentId' = a.id::text order by seq desc limit 1) e on true
        where a.id > ${cursor} order by a.id limit ${PAGE}`);
      if (!page.length) break;
      for (const a of page) problems.push(...attachmentProblems({ ...a, id: Number(a.id), caseId: Number(a.caseId) }));
      checked += page.length;
      cursor = Number(page.at(-1)!.id);
    }
    const gone = await queryRows<{ caseId: number; seq: number; attachmentId: string }>(db, sql`select e.case_id as "caseId", e.seq, e.data ->> 'attachmentId' as "attachmentId"
      from case_events e where e.action = 'attach'
        and not exists (select 1 from case_attachments a where a.id::text = e.data ->> 'attachmentId' and a.case_id = e.case_id)
      order by e.case_id, e.seq limit 1000`);
    for (const g of gone) problems.push(`attachment ${g.attachmentId} of case ${g.caseId}: recorded by event ${g.seq} but no longer stored (deleted)`);
    return { checked, problems };
  },
};

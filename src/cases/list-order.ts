/** The case list's orders (CASE_SORTS) as SQL over `cases c`; the id breaks ties so paging is stable. */
import { sql, type SQL } from 'drizzle-orm';
import { CASE_STATUSES, type CaseSort } from './contract.js';

/** Where the running step's deadline stands: signing while dispatched (else the reply), the reply while handling; no clock otherwise. */
const RUNNING_DUE = sql`case when c.status = 'dispatched' then coalesce(c.sign_due_at, c.reply_due_at) when c.status = 'handling' then c.reply_due_at end`;
const STATUS_RANK = sql`array_position(${`{${CASE_STATUSES.join(',')}}`}::text[], c.status)`;

const KEYS = { received: sql`c.accepted_at`, deadline: RUNNING_DUE, status: STATUS_RANK, code: sql`c.code` } as const;

export function caseOrder(sort: CaseSort): SQL {
  const desc = sort.startsWith('-');
  const key = KEYS[(desc ? sort.slice(1) : sort) as keyof typeof KEYS];
  return desc ? sql`${key} desc nulls last, c.id desc` : sql`${key} asc nulls last, c.id asc`;
}

/**
 * `audit verify`'s check of people: what a person may do and where — roles, office, whether the
 * account is active, the enterprise it acts for — must be what the last audited change of them
 * (user.create or user.update, on the hash-chained audit trail) recorded.
 */
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { IntegrityCheck } from '../platform/integrity.js';

interface Audited {
  roles: string[];
  officeId: number | null;
  active: boolean;
  enterpriseUscc: string | null;
}

interface Person extends Audited {
  id: number;
  username: string;
  seq: number | null;
  recorded: Partial<Audited> | null;
}

const FIELDS: readonly [keyof Audited, string][] = [['roles', 'roles'], ['officeId', 'office'], ['active', 'active flag'], ['enterpriseUscc', 'enterprise']];

const same = (a: unknown, b: unknown) => JSON.stringify(Array.isArray(a) ? [...a].sort() : a ?? null) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b ?? null);

/** The sentences naming how a person differs from their last audited change (pure). */
export function personProblems(p: Person): string[] {
  const who = `user ${p.id} (${p.username})`;
  if (!p.recorded) return [`${who}: no audited change records their roles and office (created without the audit trail)`];
  return FIELDS.filter(([field]) => !same(p[field], p.recorded![field]))
    .map(([field, name]) => `${who}: ${name} ${JSON.stringify(p[field])} is not what their last audited change recorded (audit event ${p.seq}: ${JSON.stringify(p.recorded![field] ?? null)})`);
}

export const peopleCheck: IntegrityCheck = {
  label: 'user',
  async run(db: Db) {
    const people = await queryRows<Person>(db, sql`select u.id, u.username, u.roles, u.office_id as "officeId", u.active, u.enterprise_uscc as "enterpriseUscc",
        a.seq, a.after as recorded
      from users u left join lateral (select e.seq::int as seq, e.after from audit_events e
        where e.entity_type = 'user' and e.entity_id = u.id::text and e.after ? 'roles' order by e.seq desc limit 1) a on true
      order by u.id`);
    return { checked: people.length, problems: people.flatMap(personProblems) };
  },
};

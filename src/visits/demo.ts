/**
 * The demo's official visits (入企), made through the same commands people use, with the dates
 * they would have happened: yearly plans of four Zhumadian departments, last year's visits
 * (about twice as many: the seed's −50 %), this year's mostly in the service week, some outside it
 * with the escalated approval and a filing (one filed late), most scanned and rated, a few left
 * unscanned, and two departments' visits to one enterprise in the coming service week (a joint
 * visit proposed).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { runAction } from '../platform/lifecycle/index.js';
import { DEFAULT_OFFICE_HOURS, toLocalDate } from '../calendar/rules.js';
import { workingCalendar } from '../calendar/store.js';
import type { VisitKind } from './contract.js';
import { DEFAULT_VISIT_POLICY, serviceWeek } from './rules.js';
import { anonymousRater, CODE_HOLDER, createPlan, createVisit, planType, visitType } from './type.js';
import type { VisitRow } from './lifecycle.js';

const DEPARTMENTS = ['zmd-dept-0', 'zmd-dept-1', 'zmd-dept-2', 'zmd-dept-3'];
const PURPOSES: [VisitKind, string][] = [
  ['service', '了解企业生产经营困难，宣讲惠企政策'], ['inspection', '食品安全监督检查'], ['research', '调研产业链配套需求'], ['service', '协调用工与社保服务'],
];

/** A day of the office's calendar at ten in the morning, Beijing time. */
const morning = (date: string) => new Date(`${date}T02:00:00.000Z`);

export async function loadDemoVisits(db: Db, offices: Record<string, number>, enterprises: Record<string, number>, progress: (done: number, total: number) => void): Promise<void> {
  const policy = DEFAULT_VISIT_POLICY;
  const type = visitType(policy);
  const calendar = await workingCalendar(db);
  const paths = new Map((await queryRows<{ id: number; path: string }>(db, sql`select id, path from offices`)).map((o) => [Number(o.id), o.path]));
  const staff = (key: string, roles: Actor['roles'], name: string): Actor => ({ userId: null, name, roles, officeId: offices[key], officePath: paths.get(offices[key]) ?? null });
  const cityLeader = staff('zmd-centre', ['leader'], 'demo:市长');
  const codes = Object.keys(enterprises).filter((c) => c.slice(2, 6) === '4117').slice(0, 60);
  const today = toLocalDate(new Date(), DEFAULT_OFFICE_HOURS);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));

  const planned: { dept: number; date: string; uscc: string; outside: boolean }[] = [];
  let n = 0;
  for (const [y, months, perMonth] of [[year - 1, 12, 2], [year, month - 1, 1]] as const) {
    for (let m = 1; m <= months; m++) {
      const week = serviceWeek(calendar, y, m, policy.serviceWeekDays);
      DEPARTMENTS.forEach((_, dept) => {
        for (let k = 0; k < perMonth; k++) {
          const outside = (n % 7) === 3;
          // Outside the week: the 10th of the month (a working day or the next one).
          const date = outside ? `${y}-${String(m).padStart(2, '0')}-1${dept}` : week[(dept + k) % week.length];
          planned.push({ dept, date, uscc: codes[n % codes.length], outside });
          n++;
        }
      });
    }
  }
  const total = planned.length + DEPARTMENTS.length + 2;
  let done = 0;
  for (const [i, key] of DEPARTMENTS.entries()) {
    for (const [y, visits] of [[year - 1, 30], [year, 8 + i * 2]]) {
      await createPlan(db, planType(policy), staff(key, ['handler'], 'demo:科员'), { year: y, plannedVisits: visits, targets: '辖区重点企业、食品生产企业', reason: '落实“总量控制、年初备案”，开展惠企服务与必要的监督检查' });
    }
    progress(++done, total);
  }
  for (const [i, p] of planned.entries()) {
    const key = DEPARTMENTS[p.dept];
    const at = morning(p.date);
    const [kind, purpose] = PURPOSES[i % PURPOSES.length];
    let v: VisitRow = await createVisit(db, type, staff(key, ['handler'], 'demo:科员'), { uscc: p.uscc, purpose, kind, plannedDate: p.date, members: ['张承办', '李科长'] }, at);
    const act = async (actor: Actor, action: string, input: Record<string, unknown> = {}, when = at) => {
      v = await runAction(db, type, actor, { id: v.id, action: action as never, version: v.version, input, at: when });
    };
    await act(staff(key, ['leader'], 'demo:局长'), 'approve');
    if (v.status === 'escalating') await act(cityLeader, 'approve-escalated');
    if (v.escalation.length) await act(staff(key, ['handler'], 'demo:科员'), 'report-filing', {}, new Date(at.getTime() + (i % 5 === 0 ? 6 : 1) * 86_400_000));
    // One visit in eleven was never scanned: the sweep flags it.
    if (i % 11 !== 5) {
      v = await runAction(db, type, CODE_HOLDER, { id: v.id, action: 'scan', input: {}, proven: 'code', at });
      if (i % 3 !== 0) {
        const enterprise = anonymousRater({ userId: null, name: 'demo', roles: ['enterprise'], officeId: null, officePath: null, enterpriseUscc: p.uscc });
        await act(enterprise, 'rate', { conduct: 3 + (i % 3), burden: 2 + (i % 4), usefulness: 3 + (i % 3), complaint: false }, new Date(at.getTime() + 3_600_000));
      }
    }
    progress(++done, total);
  }
  // Two departments plan visits to the same enterprise in the coming service week: the joint visit is proposed.
  const ahead = [month, month + 1].flatMap((m) => (m > 12 ? serviceWeek(calendar, year + 1, 1, 5) : serviceWeek(calendar, year, m, 5))).filter((d) => d > today);
  for (const key of DEPARTMENTS.slice(0, 2)) {
    await createVisit(db, type, staff(key, ['handler'], 'demo:科员'), { uscc: codes[codes.length - 1], purpose: '政策宣讲与问题收集', kind: 'service', plannedDate: ahead[0], members: ['王科员'] });
    progress(++done, total);
  }
}

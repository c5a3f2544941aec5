/**
 * The demo's random inspections, made through the real commands: item lists of market regulation
 * and housing, their inspector rosters (demo log-ins `inspector1`–`inspector6` in market
 * regulation, `inspector7`–`inspector10` in housing), and the year's plan with one joint task
 * committed, drawn, its results recorded by the inspectors on each team, and published, over the
 * demo registry. The lists and plan are the operator's; the task is run by the demo handler of
 * market regulation, as a department would, and each result recorded by an inspector on the team.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { runAction } from '../platform/lifecycle/index.js';
import { toLocalDate } from '../calendar/rules.js';
import { createUser } from '../people/commands/createUser.js';
import { DEMO_PASSWORD } from '../demo/organisation.js';
import { createItem } from './commands/saveItem.js';
import { createInspector } from './commands/saveInspector.js';
import { createPlan } from './commands/createPlan.js';
import { actOnVisit, createTaskUnder, TASK_TYPE } from './type.js';
import { loadVisit, visitIdOf } from './store.js';
import { sql, queryRows } from '../platform/db/engine.js';

const MARKET_ITEMS = [
  ['SC-GS-001', '企业公示信息情况的检查', '《企业信息公示暂行条例》第十七条', '书面检查、实地核查', 300],
  ['SC-SP-002', '食品生产者生产环境条件的检查', '《食品安全法》第三十三条、第一百一十条', '现场检查', 500],
  ['SC-JL-003', '计量器具使用情况的检查', '《计量法》第九条', '现场检查', 300],
] as const;
const HOUSING_ITEMS = [
  ['ZJ-FC-001', '房地产开发企业资质情况的检查', '《城市房地产开发经营管理条例》第九条', '书面检查、现场检查', 500],
] as const;

const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** A demo person as the commands see them. */
async function demoActor(db: Db, username: string): Promise<Actor> {
  const [u] = await queryRows<{ id: number; roles: Actor['roles']; officeId: number; path: string }>(db,
    sql`select u.id, u.roles, u.office_id as "officeId", o.path from users u join offices o on o.id = u.office_id where u.username = ${username}`);
  return { userId: u.id, name: username, roles: u.roles, officeId: u.officeId, officePath: u.path };
}

/** Rosters with their log-ins (the operator adds those), the plan, and a task run from commit to publication. */
export async function loadDemoInspections(db: Db, operator: Actor, offices: Record<string, number>): Promise<{ taskId: number }> {
  const market = offices['zmd-dept-0'];
  const housing = offices['zmd-dept-1'];
  const actor = await demoActor(db, 'handler');
  // The inspection ended two weeks ago, so its results are published well within 20 working days.
  const periodTo = daysBefore(toLocalDate(new Date()), 14);
  const year = Number(periodTo.slice(0, 4));
  const periodFrom = [`${year}-01-01`, daysBefore(periodTo, 30)].sort()[1];
  const items: number[] = [];
  for (const [officeId, list] of [[market, MARKET_ITEMS], [housing, HOUSING_ITEMS]] as const) {
    for (const [code, name, legalBasis, method, bp] of list) {
      items.push(await createItem(db, operator, { officeId, code, name, legalBasis, targetKind: null, method, defaultBasisPoints: bp }));
    }
  }
  const names = ['李建国', '王秀英', '张卫东', '刘晓燕', '陈志强', '杨丽', '赵明', '黄磊', '周敏', '吴刚'];
  for (const [i, name] of names.entries()) {
    const officeId = i < 6 ? market : housing;
    const userId = (await createUser(db, operator, { username: `inspector${i + 1}`, password: DEMO_PASSWORD, name, roles: ['inspector'], officeId, demo: true })).id;
    await createInspector(db, operator, {
      officeId, name, certificateNo: `${i < 6 ? 'SC' : 'ZJ'}41170${String(i + 1).padStart(4, '0')}`, qualifications: i < 6 ? ['食品', '计量'] : ['房地产'], userId, conflicts: [],
    });
  }
  const planId = await createPlan(db, operator, {
    officeId: market, year, title: `驻马店市市场监督管理局${year}年度"双随机、一公开"抽查计划`,
    batches: [{ no: 1, name: '全年', from: `${year}-01-01`, to: `${year}-12-31` }],
  });
  let task = await createTaskUnder(db, actor, planId, {
    batch: 1, title: '食品生产企业跨部门联合抽查', joiningOfficeIds: [housing], itemIds: [items[0], items[1], items[3]], filters: { regionCode: '411700' },
    strata: [{ stratum: 'good', basisPoints: 200 }, { stratum: 'normal', basisPoints: 300 }, { stratum: 'bad', basisPoints: 2000 }],
    periodFrom, periodTo, seedSource: { zh: '抽取当日由见证人（企业代表）现场掷三枚骰子所得数字', en: 'three dice a witness (an enterprise representative) rolls on the day' },
  });
  task = await runAction(db, TASK_TYPE, actor, { id: task.id, action: 'commit', version: task.version, input: {} });
  task = await runAction(db, TASK_TYPE, actor, { id: task.id, action: 'draw', version: task.version, input: { witnessValue: '3 5 2' } });
  for (const target of task.result!.targets) {
    const visit = (await loadVisit(db, (await visitIdOf(db, task.id, target.id))!))!;
    const certificate = visit.teams[0].inspectors[0];
    const inspector = await demoActor(db, `inspector${Number(certificate.slice(-4))}`);
    await actOnVisit(db, inspector, task.id, target.id, 'record-result', visit.version, { result: 'no_problem', inspectedOn: periodTo });
  }
  task = await runAction(db, TASK_TYPE, actor, { id: task.id, action: 'publish', version: task.version, input: {} });
  return { taskId: task.id };
}

/**
 * Demo applications with results: certificates issued with their QR codes and delivered, a
 * green-channel application done the same day, and reviews — a very satisfied one online and a
 * dissatisfied one at the window, which the appeals loop turned into a case for 市场监管 — plus
 * an issued licence its holder can still rate through the certificate's link. Through the real
 * commands, by the demo window agent, reviewers and leader of 中牟县.
 */
import type { Db } from '../../platform/db/engine.js';
import { sql, queryRows } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { runAction } from '../../platform/lifecycle/index.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { takeIn } from './doors.js';
import { demoActor } from '../../demo/actors.js';
import { loadApplication } from './store.js';
import { APPLICATION_TYPE } from './type.js';
import type { ApplicationAction } from './contract.js';


type Step = [who: string, action: ApplicationAction, input: Record<string, unknown>];

const inYears = (years: number) => `${new Date().getFullYear() + years}-12-31`;

export async function loadDemoApplications(db: Db, offices: Record<string, number>): Promise<number> {
  const who: Record<string, Actor> = {};
  for (const u of ['window-agent', 'reviewer-housing', 'reviewer-market', 'zhongmu-leader', 'enterprise']) who[u] = await demoActor(db, u);
  const itemOf = async (name: string) => {
    const [item] = await queryRows<{ id: number; materials: number[] }>(db, sql`select s.id, array_agg(m.id order by m.position) filter (where m.required) as materials
      from service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision join service_item_materials m on m.version_id = v.id
      where v.name = ${name} group by s.id`);
    return { id: Number(item.id), materials: item.materials.map(Number) };
  };
  const permit = await itemOf('建筑工程施工许可证核发');
  const food = await itemOf('食品经营许可');
  const review = (d: number): Step[] => [['window-agent', 'accept', {}], ['window-agent', 'start-stage', { name: '审查', departmentIds: [d] }]];
  const decide = (reviewer: string, d: number): Step[] => [[reviewer, 'sign', { departmentId: d }], [reviewer, 'approve', { departmentId: d }], [reviewer, 'conclude', {}]];
  const housing = offices['county-410122-housing'];
  const market = offices['county-410122-market'];
  const enterprise = { kind: 'enterprise' as const, name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13800000009' };
  const scripts: { item: typeof permit; applicant: { kind: 'enterprise' | 'person'; name: string; uscc?: string; phone?: string }; steps: Step[] }[] = [
    {
      item: permit, applicant: enterprise,
      steps: [...review(housing), ...decide('reviewer-housing', housing),
        ['window-agent', 'issue', { resultNumber: '410122202612010101', validUntil: inYears(3) }],
        ['window-agent', 'deliver', { method: 'in_person', receipt: '张经理', signatureNote: '本人签字，核验身份证' }],
        ['enterprise', 'review', { grade: 'very_satisfied', comment: '送证上门，一次都没跑' }]],
    },
    {
      item: food, applicant: { kind: 'person', name: '王秀兰', phone: '13937112345' },
      steps: [['zhongmu-leader', 'green-channel', { reason: '返乡创业重点帮扶对象，当日办结' }], ...review(market), ...decide('reviewer-market', market),
        ['window-agent', 'issue', { resultNumber: 'JY24101220260001', validUntil: inYears(5) }],
        ['window-agent', 'deliver', { method: 'pickup', receipt: '王秀兰' }],
        ['window-agent', 'review', { grade: 'dissatisfied', comment: '现场核查约了两次才来，等了一周' }]],
    },
    {
      item: food, applicant: enterprise,
      steps: [...review(market), ...decide('reviewer-market', market),
        ['window-agent', 'issue', { resultNumber: 'JY24101220260002', validUntil: inYears(5) }],
        ['window-agent', 'deliver', { method: 'post', carrier: 'EMS', trackingNumber: '1178452309912' }]],
    },
  ];
  for (const s of scripts) {
    let a = await takeIn(db, who['window-agent'], { serviceItemId: s.item.id, applicant: s.applicant, materialIds: s.item.materials });
    for (const [user, action, input] of s.steps) {
      const unversioned = APPLICATION_TYPE.lifecycle.actions[action].unversioned;
      await runAction(db, APPLICATION_TYPE, who[user], { id: a.id, action, version: unversioned ? undefined : a.version, input });
      a = (await loadApplication(db, a.id))!;
    }
  }
  return scripts.length;
}

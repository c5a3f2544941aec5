/**
 * Demo service to enterprises, through the real commands: the demo leader assigned to three key
 * enterprises of Zhumadian, a market-regulation service-team visit held last month whose two
 * problems became appeal cases, this month's service-day visits and the leaders' hotline duty.
 */
import type { Db } from '../platform/db/engine.js';
import { operatorActor } from '../platform/actor.js';
import { runAction } from '../platform/lifecycle/index.js';
import { workingCalendar } from '../calendar/store.js';
import { addWorkingDays, toLocalDate } from '../calendar/rules.js';
import { listEnterprises } from '../enterprises/index.js';
import { demoActor } from '../demo/actors.js';
import { assignLeader } from './assignments.js';
import { planServiceVisit, SERVICE_VISIT_TYPE } from './type.js';
import { scheduleServiceDay } from './commands/scheduleServiceDay.js';
import { scheduleDuty } from './duty.js';

export async function loadDemoEnterpriseServices(db: Db, offices: Record<string, number>, serviceDayOfMonth = 15): Promise<number[]> {
  const [leader, handler] = [await demoActor(db, 'leader'), await demoActor(db, 'handler')];
  const keyEnterprises = (await listEnterprises(db, operatorActor(), { regionCode: '411700', keyEnterprise: true, pageSize: 4 })).items;
  const today = toLocalDate(new Date());
  const yearStart = `${today.slice(0, 4)}-01-01`;
  for (const e of keyEnterprises.slice(0, 3)) {
    await assignLeader(db, operatorActor(), { leaderUserId: leader.userId!, uscc: e.uscc, startsOn: yearStart, note: '市领导包联重点企业' });
  }
  const cal = await workingCalendar(db);
  const heldOn = addWorkingDays(cal, today, -20).date;
  const visited = keyEnterprises[3] ?? keyEnterprises[0];
  const visit = await planServiceVisit(db, handler, {
    kind: 'service_team', uscc: visited.uscc, officeId: offices['zmd-dept-0'], plannedOn: heldOn, members: ['市场监管局服务专班 张承办', '企业服务科 王科长'],
    purpose: '政务服务进企业：了解企业生产经营中的困难和诉求',
  });
  await runAction(db, SERVICE_VISIT_TYPE, handler, {
    id: visit.id, action: 'record', version: visit.version, input: {
      heldOn, matters: [
        { kind: 'problem', text: '企业新建厂房的消防验收预约排期较长，影响投产' },
        { kind: 'problem', text: '园区道路夜间照明不足，货车进出存在安全隐患' },
        { kind: 'need', text: '希望了解技术改造专项资金的申报条件' },
        { kind: 'suggestion', text: '建议把食品经营许可延续改为网上全程办理' },
      ],
    },
  });
  const month = today.slice(0, 7);
  const scheduled = await scheduleServiceDay(db, leader, month, serviceDayOfMonth);
  await scheduleDuty(db, leader, offices['zmd-centre'], month);
  return [visit.id, ...scheduled.planned];
}

/** What the visits tests share: two enterprises, the people of three departments, an escalation approver and the business-environment office, logged in. */
import { expect } from 'vitest';
import { operatorActor } from '../../src/platform/actor.js';
import { createUser } from '../../src/people/commands/createUser.js';
import { createEnterprise } from '../../src/enterprises/commands/createEnterprise.js';
import { usccCheckCharacter } from '../../src/enterprises/uscc.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';
import { toLocalDate } from '../../src/calendar/rules.js';
import { startTestApp, type TestApp } from './app.js';
import type { Engine } from './engines.js';

export const PASSWORD = 'Visits-pass-2026';
export const OTHER_USCC = (() => { const body = '91411702MA9B8C7D6'; return body + usccCheckCharacter(body)!; })();

export interface VisitsFixture {
  t: TestApp;
  as(user: string, method: string, url: string, body?: unknown): ReturnType<TestApp['request']>;
  cookies: Record<string, string>;
  users: Record<string, number>;
  offices: Record<string, number>;
  today: string;
  /** Files a visit as `user` (a department's handler) and expects 201. */
  file(user: string, body: Record<string, unknown>): Promise<Record<string, any>>;
  /** Takes an action and expects 200. */
  act(user: string, id: number, action: string, body?: Record<string, unknown>): Promise<Record<string, any>>;
}

const enterprise = (uscc: string, name: string) => ({
  uscc, name, kind: 'limited_liability' as const, legalRepresentative: '周建华', address: '驻马店市驿城区练江大道 168 号', regionCode: '411702',
  industryDivision: '14', size: 'medium' as const, establishedOn: '2016-05-18', registeredCapital: 800, keyEnterprise: true, credit: 'normal' as const, contacts: [],
});

export async function startVisitsApp(engine: Engine, env: Record<string, string> = {}): Promise<VisitsFixture> {
  const t = await startTestApp(engine, env);
  const op = operatorActor();
  await createEnterprise(t.database.db, op, enterprise(DEMO_ENTERPRISE_USCC, '驻马店示范企业食品有限公司'));
  await createEnterprise(t.database.db, op, enterprise(OTHER_USCC, '驿城区天中玻璃有限公司'));
  const o = t.demo.offices;
  const offices = { dept0: o['zmd-dept-0'], dept1: o['zmd-dept-1'], dept2: o['zmd-dept-2'], centre: o['zmd-centre'], yingshang: o['zmd-yingshang'] };
  const people: [string, string, string[], number | null, string | null][] = [
    ['dept0-leader', '陈局长', ['leader'], offices.dept0, null],
    ['dept1-handler', '孙科员', ['handler'], offices.dept1, null],
    ['dept1-leader', '钱局长', ['leader'], offices.dept1, null],
    ['dept2-handler', '吴科员', ['handler'], offices.dept2, null],
    ['yingshang', '郑优化', ['handler'], offices.yingshang, null],
    ['rater-zhou', '周评价人', ['enterprise'], null, DEMO_ENTERPRISE_USCC],
    ['other-ent', '天中玻璃', ['enterprise'], null, OTHER_USCC],
  ];
  const users: Record<string, number> = {};
  for (const [username, name, roles, officeId, enterpriseUscc] of people) {
    users[username] = (await createUser(t.database.db, op, { username, password: PASSWORD, name, roles, officeId, enterpriseUscc })).id;
  }
  const cookies: Record<string, string> = {};
  for (const u of ['admin', 'agent', 'dispatcher', 'handler', 'leader', 'enterprise']) cookies[u] = await t.login(u);
  for (const [u] of people) cookies[u] = await t.login(u, PASSWORD);
  const as: VisitsFixture['as'] = (user, method, url, body) => t.request(method, url, { cookie: cookies[user], body });
  return {
    t, as, cookies, users, offices, today: toLocalDate(new Date()),
    async file(user, body) {
      const res = await as(user, 'POST', '/api/visits', { kind: 'service', purpose: '了解企业生产经营困难', members: ['张承办', '李科长'], uscc: DEMO_ENTERPRISE_USCC, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    async act(user, id, action, body = {}) {
      const current = (await as(user, 'GET', `/api/visits/${id}`)).json();
      const res = await as(user, 'POST', `/api/visits/${id}/${action}`, { version: current.version, ...body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { loadDemoEnterprises } from '../../enterprises/demo.js';
import { loadDemoServiceItems } from '../demo.js';
import { createUser } from '../../people/commands/createUser.js';
import type { ApplicationEvent, ApplicationSummary, ApplicationView, WindowAgent } from './contract.js';

/** What the pages read beyond the lifecycle: a reviewer's worklist of branches, names on the timeline, whom to hand over to, the registry at the window. */
describe.each(ENGINES)('the applications pages\' reads on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let permit: number;
  let materialIds: number[];
  let planning: number;
  let water: number;

  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000' });
    await loadDemoServiceItems(t.database.db, operatorActor(), t.demo.offices);
    await loadDemoEnterprises(t.database.db, operatorActor());
    for (const u of ['window-agent', 'reviewer-planning', 'reviewer-water', 'reviewer-market', 'zhongmu-leader', 'enterprise', 'agent']) cookies[u] = await t.login(u);
    const [item] = await queryRows<{ id: number }>(t.database.db, sql`select s.id from service_items s join service_item_versions v on v.item_id = s.id where v.name = '建筑工程施工许可证核发'`);
    permit = item.id;
    materialIds = (await queryRows<{ id: number }>(t.database.db, sql`select m.id from service_item_materials m join service_items s on s.id = ${permit}
      join service_item_versions v on v.id = m.version_id and v.item_id = s.id and v.revision = s.revision where m.required`)).map((m) => m.id);
    planning = t.demo.offices['county-410122-planning'];
    water = t.demo.offices['county-410122-water'];
  }, 120_000);
  afterAll(() => t.close());

  const as = async <T>(user: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await t.request(method, url, { cookie: cookies[user], body });
    expect(res.statusCode, `${user} ${method} ${url}: ${res.body}`).toBe(status);
    return JSON.parse(res.body) as T;
  };

  async function inReview(): Promise<ApplicationView> {
    const taken = await as<ApplicationView>('window-agent', 'POST', '/api/applications', {
      serviceItemId: permit, applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC }, materialIds,
    }, 201);
    const accepted = await as<ApplicationView>('window-agent', 'POST', `/api/applications/${taken.id}/accept`, { version: taken.version });
    return as<ApplicationView>('window-agent', 'POST', `/api/applications/${taken.id}/start-stage`, { version: accepted.version, name: '并联审批', departmentIds: [planning, water] });
  }

  it('lists a reviewer the branches sent to their own department by status, naming them, and nobody else\'s', async () => {
    const app = await inReview();
    const pending = await as<{ items: ApplicationSummary[] }>('reviewer-planning', 'GET', '/api/applications?branchStatus=pending&pageSize=100');
    const mine = pending.items.find((i) => i.id === app.id)!;
    expect(mine.openBranches).toEqual([{ stageNo: 1, departmentId: planning, departmentName: '中牟县自然资源和规划局', status: 'pending' }]);
    await as('reviewer-planning', 'POST', `/api/applications/${app.id}/sign`, { departmentId: planning });
    expect((await as<{ items: ApplicationSummary[] }>('reviewer-planning', 'GET', '/api/applications?branchStatus=pending&pageSize=100')).items.map((i) => i.id)).not.toContain(app.id);
    const reviewing = await as<{ items: ApplicationSummary[] }>('reviewer-planning', 'GET', '/api/applications?branchStatus=reviewing&pageSize=100');
    expect(reviewing.items.find((i) => i.id === app.id)?.openBranches.map((b) => b.status)).toEqual(['reviewing']);
    // The water department's branch is still waiting to be signed for; the market department was sent nothing.
    expect((await as<{ items: ApplicationSummary[] }>('reviewer-water', 'GET', '/api/applications?branchStatus=pending&pageSize=100')).items.map((i) => i.id)).toContain(app.id);
    expect((await as<{ items: ApplicationSummary[] }>('reviewer-market', 'GET', '/api/applications?branchStatus=pending&pageSize=100')).items.map((i) => i.id)).not.toContain(app.id);
    // The county's leader sees both open branches under the county; the view names the reader's own.
    const county = await as<{ items: ApplicationSummary[] }>('zhongmu-leader', 'GET', '/api/applications?pageSize=100');
    expect(county.items.find((i) => i.id === app.id)?.openBranches.map((b) => [b.departmentId, b.status])).toEqual([[planning, 'reviewing'], [water, 'pending']]);
    expect((await as<ApplicationView>('reviewer-water', 'GET', `/api/applications/${app.id}`)).openBranches.map((b) => b.departmentId)).toEqual([water]);
    // An enterprise has no office: no branch is its own.
    expect((await as<{ items: ApplicationSummary[] }>('enterprise', 'GET', '/api/applications?pageSize=100')).items.find((i) => i.id === app.id)?.openBranches).toEqual([]);
    expect((await as<{ items: ApplicationSummary[] }>('enterprise', 'GET', '/api/applications?branchStatus=pending')).items).toEqual([]);
    await as('window-agent', 'GET', '/api/applications?branchStatus=closed', undefined, 400);
  });

  it('tells the applicant on every row what it still has to bring and what a department asked for', async () => {
    const required = await queryRows<{ id: number; name: string; deficiency: boolean }>(t.database.db, sql`select m.id, m.name, m.deficiency from service_item_materials m
      where m.id = any(${`{${materialIds.join(',')}}`}::int[]) order by m.position`);
    const taken = await as<ApplicationView>('window-agent', 'POST', '/api/applications', {
      serviceItemId: permit, applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC }, materialIds: required.filter((m) => !m.deficiency).map((m) => m.id),
    }, 201);
    const row = async () => (await as<{ items: ApplicationSummary[] }>('enterprise', 'GET', '/api/applications?pageSize=100')).items.find((i) => i.id === taken.id)!;
    const owed = required.filter((m) => m.deficiency).map((m) => m.name);
    expect((await row()).stillNeeded).toEqual(owed);
    expect(taken.stillNeeded).toEqual(owed);
    const accepted = await as<ApplicationView>('window-agent', 'POST', `/api/applications/${taken.id}/accept-deficient`, { version: taken.version, promise: '承诺书 2026-1', creditBad: false, supplementDays: 1 });
    expect((await row()).stillNeeded).toEqual(owed);
    const staged = await as<ApplicationView>('window-agent', 'POST', `/api/applications/${taken.id}/start-stage`, { version: accepted.version, name: '审查', departmentIds: [planning] });
    await as('reviewer-planning', 'POST', `/api/applications/${taken.id}/sign`, { departmentId: planning });
    const asked = await as<ApplicationView>('reviewer-planning', 'POST', `/api/applications/${taken.id}/ask-more`, { departmentId: planning, reason: '补充宗地图' });
    expect(asked.asked).toEqual(['中牟县自然资源和规划局：补充宗地图']);
    expect((await row()).asked).toEqual(['中牟县自然资源和规划局：补充宗地图']);
    await as('enterprise', 'POST', `/api/applications/${taken.id}/supply-deficient`, { version: staged.version, materialIds: required.filter((m) => m.deficiency).map((m) => m.id) });
    expect(await row()).toMatchObject({ stillNeeded: [], asked: ['中牟县自然资源和规划局：补充宗地图'] });
  });

  it('names the owner, and who acted and from which office on every event of the timeline, by their names', async () => {
    const app = await inReview();
    expect((await as<ApplicationView>('reviewer-planning', 'GET', `/api/applications/${app.id}`)).ownerDisplayName).toBe('陈窗口');
    expect((await as<{ items: ApplicationSummary[] }>('zhongmu-leader', 'GET', '/api/applications?pageSize=100')).items.find((i) => i.id === app.id)?.ownerDisplayName).toBe('陈窗口');
    const events = await as<ApplicationEvent[]>('reviewer-planning', 'GET', `/api/applications/${app.id}/events`);
    expect(events.map((e) => [e.action, e.actorDisplayName, e.actorOfficeName])).toEqual([
      ['create', '陈窗口', '中牟县人民政府'], ['accept', '陈窗口', '中牟县人民政府'], ['start-stage', '陈窗口', '中牟县人民政府'],
    ]);
  });

  it('lists the window agents of one\'s subtree to hand an application over to, to window agents and leaders; every window\'s to an enterprise', async () => {
    const agents = await as<{ items: WindowAgent[] }>('window-agent', 'GET', '/api/window-agents');
    expect(agents.items.map((a) => [a.name, a.officeName])).toEqual([['周窗口', '中牟县人民政府'], ['陈窗口', '中牟县人民政府']]);
    expect((await as<{ items: WindowAgent[] }>('zhongmu-leader', 'GET', '/api/window-agents')).items).toHaveLength(2);
    // The city's hotline agent is no window agent, and the hotline centre's subtree has none.
    await as('agent', 'GET', '/api/window-agents', undefined, 403);
    await as('reviewer-planning', 'GET', '/api/window-agents', undefined, 403);
    // The enterprise picks whom to authorise (帮办代办) among every window's agents, another county's too.
    await createUser(t.database.db, operatorActor(), { username: 'other-window', password: 'Qq-window-2026', name: '吴窗口', roles: ['window_agent'], officeId: t.demo.offices['county-410108'] });
    expect((await as<{ items: WindowAgent[] }>('window-agent', 'GET', '/api/window-agents')).items.map((a) => a.name)).not.toContain('吴窗口');
    expect((await as<{ items: WindowAgent[] }>('enterprise', 'GET', '/api/window-agents')).items.map((a) => a.name).sort()).toEqual(['吴窗口', '周窗口', '陈窗口'].sort());
  });

  it('lets a window agent look an enterprise of its county up in the registry to fill the applicant in, and none outside it', async () => {
    const [zhongmu] = await queryRows<{ uscc: string; name: string }>(t.database.db, sql`select uscc, name from enterprises where region_code = '410122' order by uscc limit 1`);
    expect((await as<{ name: string }>('window-agent', 'GET', `/api/enterprises/${zhongmu.uscc}`)).name).toBe(zhongmu.name);
    await as('window-agent', 'GET', `/api/enterprises/${DEMO_ENTERPRISE_USCC}`, undefined, 404);
  });
});

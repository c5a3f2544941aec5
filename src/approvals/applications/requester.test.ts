/**
 * What a requester reads, on both engines: the enterprise that applied (list, page, events,
 * action answers), an agent whose only tie is its authorisation, and the certificate's public
 * check read none of the departments' own working — staff notes, send-back and hand-over
 * remarks, the green channel's reason and who set it, staff log-ins, the
 * sweep's supervision marks, the hash chain — and all the applicant is entitled to: what is
 * missing, what a department asked for, the extension's reason (Art. 42), the clock, the result.
 * Staff read all of it. Every internal text below carries 内部 so that its absence is checked
 * wherever it might leak.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { createUser } from '../../people/commands/createUser.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { loadDemoServiceItems } from '../demo.js';
import { appendEvent } from '../../platform/lifecycle/index.js';
import { APPLICATION_TYPE } from './type.js';
import { APPLICATION_STORE } from './store.js';
import type { ApplicationSummary, ApplicationView } from './contract.js';

const PASSWORD = 'Qq-requester-9';
const INTERNAL = '内部';

interface Event { seq: number; action: string; actorUserId: number | null; actorName: string; actorDisplayName: string | null; actorOfficeName: string | null; data: Record<string, unknown>; hash?: string }

describe.each(ENGINES)('what a requester reads of an application on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const offices: Record<string, number> = {};
  const userIds: Record<string, number> = {};
  let app: ApplicationView;

  const as = (user: string | null, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: user ? cookies[user] : undefined, body });
  const read = async <T>(user: string, url: string) => {
    const res = await as(user, 'GET', url);
    expect(res.statusCode, `${user} ${url}: ${res.body}`).toBe(200);
    return { body: res.body, json: JSON.parse(res.body) as T };
  };
  const version = async () => (await read<ApplicationView>('window', `/api/applications/${app.id}`)).json.version;
  const ok = async (user: string, action: string, body: Record<string, unknown> = {}, unversioned = false) => {
    const res = await as(user, 'POST', `/api/applications/${app.id}/${action}`, unversioned ? body : { version: await version(), ...body });
    expect(res.statusCode, `${user} ${action}: ${res.body}`).toBe(200);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000', PUBLIC_URL: 'https://zwfw.example.gov.cn' });
    const db = t.database.db;
    await loadDemoServiceItems(db, operatorActor(), t.demo.offices);
    for (const k of ['housing', 'planning']) offices[k] = t.demo.offices[`county-410122-${k}`];
    offices.county = t.demo.offices['county-410122'];
    offices.other = t.demo.offices['county-410108'];
    const users: [string, string[], number][] = [
      ['window', ['window_agent'], offices.county], ['window-b', ['window_agent'], offices.county], ['helper', ['window_agent'], offices.other],
      ['rev-housing', ['reviewer'], offices.housing], ['rev-planning', ['reviewer'], offices.planning],
      ['housing-leader', ['leader'], offices.housing], ['county-leader', ['leader'], offices.county],
    ];
    for (const [username, roles, officeId] of users) {
      userIds[username] = (await createUser(db, operatorActor(), { username, password: PASSWORD, name: `${username} 姓名`, roles: roles as never, officeId })).id;
      cookies[username] = await t.login(username, PASSWORD);
    }
    cookies.enterprise = await t.login('enterprise');
    const [item] = await queryRows<{ id: number }>(db, sql`select s.id from service_items s join service_item_versions v on v.item_id = s.id where v.name = '建筑工程施工许可证核发'`);
    const ms = await queryRows<{ id: number; name: string }>(db, sql`select m.id, m.name from service_item_materials m join service_item_versions v on v.id = m.version_id
      where v.item_id = ${item.id} and m.required order by m.position`);
    const materialIds = ms.map((m) => Number(m.id));
    const taken = await as('window', 'POST', '/api/applications', {
      serviceItemId: item.id, applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13800000009' }, materialIds: materialIds.slice(1),
    });
    expect(taken.statusCode, taken.body).toBe(201);
    app = JSON.parse(taken.body);
    await ok('window', 'notify-missing');
    await ok('enterprise', 'supplement', { materialIds: [materialIds[0]] });
    await ok('window', 'accept');
    await ok('window', 'start-stage', { name: '联合审查', departmentIds: [offices.housing, offices.planning] });
    await ok('county-leader', 'green-channel', { reason: `${INTERNAL}：市重点项目，领导交办` });
    await ok('rev-housing', 'pause', { reason: 'expert_review', note: `${INTERNAL}：专家名单待定` });
    await ok('rev-housing', 'resume', { note: `${INTERNAL}：专家已到位` });
    await ok('rev-housing', 'sign', { departmentId: offices.housing, note: `${INTERNAL}：签收备注` }, true);
    await ok('rev-housing', 'approve', { departmentId: offices.housing, note: `${INTERNAL}：同意但需关注` }, true);
    await ok('window', 'send-back', { departmentId: offices.housing, reason: `${INTERNAL}：两部门意见不一致` });
    await ok('rev-planning', 'sign', { departmentId: offices.planning }, true);
    await ok('rev-planning', 'ask-more', { departmentId: offices.planning, reason: '请补充消防设计图纸' }, true);
    await ok('window', 'hand-over', { toUserId: userIds['window-b'], reason: `${INTERNAL}：休假移交` });
    await ok('housing-leader', 'extend', { days: 10, reason: '需组织专家评审，依法延长' });
    // The supervision sweep's mark, as it writes it.
    await db.transaction(async (tx) => {
      const row = (await APPLICATION_STORE.lock(tx, app.id))!;
      const sweep = { userId: null, name: 'system:application-sweep', roles: [], officeId: null, officePath: null };
      await appendEvent(tx, APPLICATION_TYPE, row, { dueState: 'due_soon' }, { at: new Date().toISOString(), action: 'deadline', actor: sweep, data: { dueState: 'due_soon' } }, { bumpVersion: false });
    });
    await db.execute(sql`insert into agency_authorisations (agent_user_id, enterprise_uscc, enterprise_name, valid_until, document_ref, granted_by_name, granted_at)
      values (${userIds.helper}, ${DEMO_ENTERPRISE_USCC}, '驻马店示范企业', '2099-12-31', '授权委托书 1', 'enterprise', now())`);
  }, 180_000);
  afterAll(() => t.close());

  it('shows the enterprise and its agent the application without the departments\' notes, and staff with them', async () => {
    for (const user of ['enterprise', 'helper']) {
      const { body, json: v } = await read<ApplicationView>(user, `/api/applications/${app.id}`);
      expect(body, user).not.toContain(INTERNAL);
      expect(v).toMatchObject({ ownerUserId: null, ownerName: null, ownerDisplayName: 'window-b 姓名', greenChannel: true, greenChannelReason: null, greenChannelBy: null });
      expect(v.pauses.map((p) => [p.reason, p.note])).toEqual([['expert_review', ''], ['applicant', '请补充消防设计图纸']]);
      // What the applicant is entitled to: what was asked, the extension with its reason, the clock.
      expect(v.asked).toEqual([expect.stringContaining('请补充消防设计图纸')]);
      expect(v).toMatchObject({ extensionDays: 10, extensionReason: '需组织专家评审，依法延长' });
      expect(v.clock?.committedDueAt).toBeTruthy();
      expect(v.stages[0].branches.find((b) => b.departmentId === offices.planning)).toMatchObject({ status: 'waiting', reason: '请补充消防设计图纸' });
    }
    const { body, json: staff } = await read<ApplicationView>('window', `/api/applications/${app.id}`);
    expect(body).toContain(INTERNAL);
    expect(staff).toMatchObject({ ownerUserId: userIds['window-b'], ownerName: 'window-b', greenChannelReason: `${INTERNAL}：市重点项目，领导交办`, greenChannelBy: 'county-leader' });
    expect(staff.pauses[0].note).toBe(`${INTERNAL}：专家名单待定`);
  });

  it('gives the enterprise the timeline of what it is entitled to, staff named by office only, without the chain\'s hashes or the sweep\'s marks', async () => {
    const { body, json: events } = await read<Event[]>('enterprise', `/api/applications/${app.id}/events`);
    expect(body).not.toContain(INTERNAL);
    expect(events.map((e) => e.action)).not.toContain('deadline');
    expect(events.every((e) => e.hash === undefined)).toBe(true);
    const by = (action: string) => events.find((e) => e.action === action)!;
    expect(by('notify-missing').data.missing).toEqual([expect.objectContaining({ name: expect.any(String) })]);
    expect(by('ask-more').data).toMatchObject({ departmentName: expect.any(String), reason: '请补充消防设计图纸' });
    expect(by('extend').data).toMatchObject({ days: 10, reason: '需组织专家评审，依法延长' });
    expect(by('pause').data).toMatchObject({ reason: 'expert_review' });
    expect(by('pause').data).not.toHaveProperty('note');
    expect(by('send-back').data).not.toHaveProperty('reason');
    expect(by('green-channel').data).not.toHaveProperty('reason');
    expect(by('hand-over').data).toEqual({ to: { name: 'window-b' } });
    // Staff by their office; the enterprise's own steps by its name.
    expect(by('approve')).toMatchObject({ actorUserId: null, actorName: '', actorDisplayName: null, actorOfficeName: expect.any(String) });
    expect(by('supplement').actorDisplayName).not.toBeNull();
    const { body: staffBody, json: staff } = await read<Event[]>('window', `/api/applications/${app.id}/events`);
    expect(staffBody).toContain(INTERNAL);
    expect(staff.map((e) => e.action)).toContain('deadline');
    expect(staff.every((e) => typeof e.hash === 'string')).toBe(true);
    expect(staff.find((e) => e.action === 'approve')).toMatchObject({ actorUserId: userIds['rev-housing'], actorDisplayName: 'rev-housing 姓名', data: { note: `${INTERNAL}：同意但需关注` } });
    expect(staff.find((e) => e.action === 'send-back')!.data.reason).toBe(`${INTERNAL}：两部门意见不一致`);
    expect(staff.find((e) => e.action === 'hand-over')!.data).toMatchObject({ from: { userId: userIds.window }, reason: `${INTERNAL}：休假移交` });
    // An agent whose only tie is the authorisation reads as the enterprise does.
    expect((await read<Event[]>('helper', `/api/applications/${app.id}/events`)).body).not.toContain(INTERNAL);
  });

  it('lists the application for the enterprise without staff log-ins, and answers its own action with the requester\'s view', async () => {
    const mine = (await read<{ items: ApplicationSummary[] }>('enterprise', '/api/applications?pageSize=100')).json.items.find((i) => i.id === app.id)!;
    expect(mine).toMatchObject({ ownerName: null, ownerDisplayName: 'window-b 姓名' });
    const theirs = (await read<{ items: ApplicationSummary[] }>('window', '/api/applications?pageSize=100')).json.items.find((i) => i.id === app.id)!;
    expect(theirs.ownerName).toBe('window-b');
    const supplied = await ok('enterprise', 'supply', { departmentId: offices.planning }, true);
    expect(supplied.body).not.toContain(INTERNAL);
    expect(JSON.parse(supplied.body)).toMatchObject({ greenChannelReason: null, ownerUserId: null });
    const { json: events } = await read<Event[]>('enterprise', `/api/applications/${app.id}/events`);
    expect(events.at(-1)).toMatchObject({ action: 'supply', actorDisplayName: expect.any(String), actorOfficeName: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';

describe.each(ENGINES)('categories, dispatch catalogue and duplicates on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'admin']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  const intake = async (body: Record<string, unknown>) => {
    const res = await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'complaint', requester: { kind: 'person', name: '市民', phone: '13812340000' }, ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };

  it('suggests the county\'s own office before the city department for a matter in that county', async () => {
    const c = await intake({ title: '餐馆卫生差', content: '西平县某餐馆后厨卫生差', regionCode: '411721', categoryId: t.categories['market.food'] });
    const items = (await t.request('GET', `/api/cases/${c.id}/dispatch-suggestions`, { cookie: as.dispatcher })).json().items;
    expect(items.map((i: { officeId: number }) => i.officeId)).toEqual([t.demo.offices['county-411721-market'], t.demo.offices['zmd-dept-0']]);
    const city = await intake({ title: '餐馆卫生差', content: '市区某餐馆后厨卫生差', regionCode: '411700', categoryId: t.categories['market.food'] });
    expect((await t.request('GET', `/api/cases/${city.id}/dispatch-suggestions`, { cookie: as.dispatcher })).json().items[0].officeName).toBe('驻马店市市场监督管理局');
  });

  it('lets only administrators change the catalogue and categories; a stale category version is refused', async () => {
    const body = { categoryId: t.categories['utilities.water'], regionCode: '411721', officeId: t.demo.offices['county-411721'] };
    expect((await t.request('PUT', '/api/dispatch-catalogue', { cookie: as.dispatcher, body })).statusCode).toBe(403);
    const set = await t.request('PUT', '/api/dispatch-catalogue', { cookie: as.admin, body });
    expect(set.statusCode, set.body).toBe(200);
    expect((await t.request('GET', '/api/dispatch-catalogue?regionCode=411721', { cookie: as.dispatcher })).json().items.map((r: { id: number }) => r.id)).toContain(set.json().id);
    expect((await t.request('GET', '/api/dispatch-catalogue', { cookie: as.handler })).statusCode).toBe(403);
    const cat = (await t.request('POST', '/api/case-categories', { cookie: as.admin, body: { code: 'construction.elevator', name: '电梯安全', parentId: t.categories.construction } })).json();
    expect(cat).toMatchObject({ name: '电梯安全', version: 1 });
    expect((await t.request('PATCH', `/api/case-categories/${cat.id}`, { cookie: as.admin, body: { version: 1, active: false } })).statusCode).toBe(200);
    expect((await t.request('PATCH', `/api/case-categories/${cat.id}`, { cookie: as.admin, body: { version: 1, name: 'x' } })).statusCode).toBe(409);
    const retired = await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'help', title: 'x', content: 'y', categoryId: cat.id, requester: { kind: 'anonymous' } } });
    expect(retired.statusCode).toBe(400);
    expect(retired.json().error.code).toBe('unknown_category');
  });

  it('suggests knowledge-base answers on intake, and counts the article used to answer', async () => {
    const hints = (await t.request('GET', `/api/cases/intake-hints?title=${encodeURIComponent('营业执照怎么办')}`, { cookie: as.agent })).json();
    expect(hints.articles.length).toBeGreaterThan(0);
    const article = hints.articles[0];
    expect(article.title).toContain('营业执照');
    const c = await intake({ type: 'consultation', title: '营业执照怎么办', content: '想开个小店' });
    const answered = await t.request('POST', `/api/cases/${c.id}/answer`, { cookie: as.agent, body: { version: 1, answer: article.answer, knowledgeArticleId: article.id } });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().status).toBe('answered');
    const after = (await t.request('GET', `/api/knowledge/${article.id}`, { cookie: as.agent })).json();
    expect(after.useCount).toBe(article.useCount + 1);
    const other = await intake({ type: 'consultation', title: '另一个咨询', content: '内容' });
    const bad = await t.request('POST', `/api/cases/${other.id}/answer`, { cookie: as.agent, body: { version: 1, answer: 'x', knowledgeArticleId: 999999 } });
    expect(bad.statusCode).toBe(404);
    expect((await t.request('GET', `/api/cases/${other.id}`, { cookie: as.agent })).json().status).toBe('accepted');
  });

  it('matches a protected requester\'s phone only for those who may know who they are', async () => {
    // A department's dispatcher who also handles: they see the report they lead, but not who made it.
    await createUser(t.database.db, operatorActor(), { username: 'dept.dispatcher', password: 'Dept-dispatch-1', name: '部门派单兼承办', roles: ['dispatcher', 'handler'], officeId: t.demo.offices['zmd-dept-0'] });
    const dept = await t.login('dept.dispatcher', 'Dept-dispatch-1');
    const phone = '13912345678';
    const report = await intake({ type: 'report', title: '举报黑作坊生产劣质食品', content: '某村黑作坊生产劣质食品流入市场', requester: { kind: 'person', name: '举报人', phone } });
    const dispatched = await t.request('POST', `/api/cases/${report.id}/dispatch`, { cookie: as.dispatcher, body: { version: report.version, leadOfficeId: t.demo.offices['zmd-dept-0'] } });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    expect((await t.request('GET', `/api/cases/${report.id}`, { cookie: dept })).json().requester).toMatchObject({ hidden: true });
    const probe = `/api/cases/intake-hints?title=${encodeURIComponent('黑作坊生产劣质食品')}&content=${encodeURIComponent('黑作坊劣质食品')}&phone=${phone}`;
    expect((await t.request('GET', probe, { cookie: dept })).json().duplicates).toEqual([]);
    // The hotline centre that took the report in knows the reporter, and is told.
    expect((await t.request('GET', probe, { cookie: as.agent })).json().duplicates).toEqual([expect.objectContaining({ id: report.id, sameRequester: true })]);
  });

  it('hints likely duplicates from the same caller with similar text, and merging links both records', async () => {
    const first = await intake({ title: '楼下烧烤店油烟扰民', content: '每天晚上烧烤店油烟直冲楼上住户窗户', address: '驿城区解放路88号' });
    const hints = (await t.request('GET', `/api/cases/intake-hints?title=${encodeURIComponent('烧烤店油烟扰民')}&content=${encodeURIComponent('烧烤油烟太大了')}&phone=13812340000`, { cookie: as.agent })).json();
    expect(hints.duplicates.map((d: { id: number }) => d.id)).toContain(first.id);
    expect(hints.duplicates.find((d: { id: number }) => d.id === first.id)).toMatchObject({ sameRequester: true });
    const unrelated = (await t.request('GET', `/api/cases/intake-hints?title=${encodeURIComponent('社保卡丢失补办')}&phone=13812340000`, { cookie: as.agent })).json();
    expect(unrelated.duplicates.map((d: { id: number }) => d.id)).not.toContain(first.id);
    expect((await t.request('GET', `/api/cases/intake-hints?title=x`, { cookie: as.handler })).statusCode).toBe(403);

    const second = await intake({ title: '烧烤店油烟扰民', content: '烧烤油烟太大了', address: '驿城区解放路88号' });
    const merged = await t.request('POST', `/api/cases/${second.id}/merge`, { cookie: as.agent, body: { version: 1, intoCaseId: first.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedIntoId: first.id });
    const target = (await t.request('GET', `/api/cases/${first.id}/events`, { cookie: as.agent })).json().items;
    expect(target.at(-1)).toMatchObject({ action: 'merged-in', data: { duplicateCaseId: second.id } });
  });
});

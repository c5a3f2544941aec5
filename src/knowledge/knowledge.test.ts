import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { createUser } from '../people/commands/createUser.js';
import { recordArticleUse } from './commands/recordArticleUse.js';
import { verifyWorkItems } from '../audit/verify.js';

const PASSWORD = 'Knowledge-pass-1';

describe.each(ENGINES)('knowledge base on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let market: number;
  let hr: number;

  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1000' });
    market = t.demo.offices['zmd-dept-0'];
    hr = t.demo.offices['zmd-dept-2'];
    const db = t.database.db;
    // A handler of 人社局, and a supervisor of 营商办 (an office with nothing below it).
    await createUser(db, operatorActor(), { username: 'hr-handler', password: PASSWORD, name: '人社承办', roles: ['handler'], officeId: hr });
    await createUser(db, operatorActor(), { username: 'ys-supervisor', password: PASSWORD, name: '营商督办', roles: ['supervisor'], officeId: t.demo.offices['zmd-yingshang'] });
    for (const u of ['admin', 'agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise']) cookies[u] = await t.login(u);
    for (const u of ['hr-handler', 'ys-supervisor']) cookies[u] = await t.login(u, PASSWORD);
  });
  afterAll(() => t.close());

  const article = (overrides: Record<string, unknown> = {}) => ({
    title: '食品经营许可证怎么办理', question: '开饭店要办什么许可？', answer: '向市场监督管理部门申请食品经营许可，具体材料以当地最新公布为准。',
    category: '市场主体/经营许可', officeId: market, keywords: ['食品经营许可', '饭店'], ...overrides,
  });
  const as = (user: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookies[user], body });
  const create = async (user: string, overrides: Record<string, unknown> = {}) => {
    const res = await as(user, 'POST', '/api/knowledge', article(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const publish = async (a: { id: number; version: number }, user = 'supervisor') => {
    const res = await as(user, 'POST', `/api/knowledge/${a.id}/publish`, { version: a.version });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const auditOf = (id: number) => queryRows<{ action: string; actor_name: string; before: unknown; after: unknown }>(t.database.db,
    sql`select action, actor_name, before, after from audit_events where entity_type = 'knowledge_article' and entity_id = ${String(id)} order by seq`);

  it('lets a handler write a draft for their own office, normalised, and records it in the audit trail', async () => {
    const created = await create('handler', { title: '  食品经营许可证怎么办理 ', category: '市场主体 ／ 经营许可', keywords: ['饭店', ' 饭店 ', '许可证', 'a,"b"\\{c}'] });
    expect(created).toMatchObject({
      title: '食品经营许可证怎么办理', category: '市场主体/经营许可', keywords: ['饭店', '许可证', 'a,"b"\\{c}'], status: 'draft', version: 1, useCount: 0,
      officeId: market, officeName: '驻马店市市场监督管理局', regionCode: null, createdByName: 'handler', effective: false,
    });
    expect(created).not.toHaveProperty('searchTerms');
    expect(created).not.toHaveProperty('officePath');
    const audit = await auditOf(created.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'knowledge.create', actor_name: 'handler', before: null, after: expect.objectContaining({ title: '食品经营许可证怎么办理' }) })]);
  });

  it('refuses to write articles for an office outside the scope, and to roles that do not edit', async () => {
    const outside = await as('handler', 'POST', '/api/knowledge', article({ officeId: hr }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.messageZh).toContain('不在您的管辖范围内');
    for (const role of ['agent', 'dispatcher', 'leader', 'enterprise']) {
      const res = await as(role, 'POST', '/api/knowledge', article());
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.messageZh).toContain('承办人');
    }
    expect((await t.request('POST', '/api/knowledge', { body: article() })).statusCode).toBe(401);
    // Supervisors and administrators write for any office in their scope.
    expect((await as('supervisor', 'POST', '/api/knowledge', article({ officeId: hr }))).statusCode).toBe(201);
    expect((await as('admin', 'POST', '/api/knowledge', article({ officeId: t.demo.offices['zz-market'] }))).statusCode).toBe(201);
    expect((await as('ys-supervisor', 'POST', '/api/knowledge', article())).statusCode).toBe(403);
  });

  it('lets only supervisors and administrators in scope publish', async () => {
    const draft = await create('handler');
    const byHandler = await as('handler', 'POST', `/api/knowledge/${draft.id}/publish`, { version: 1 });
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.json().error.messageEn).toContain('supervisor');
    expect((await as('ys-supervisor', 'POST', `/api/knowledge/${draft.id}/publish`, { version: 1 })).statusCode).toBe(404);
    for (const role of ['agent', 'dispatcher', 'leader', 'enterprise']) {
      expect((await as(role, 'POST', `/api/knowledge/${draft.id}/publish`, { version: 1 })).statusCode, role).toBe(403);
    }
    const published = await publish(draft);
    expect(published).toMatchObject({ status: 'published', version: 2, effective: true, publishedByName: 'supervisor' });
    expect((await auditOf(draft.id)).map((a) => a.action)).toEqual(['knowledge.create', 'knowledge.publish']);
  });

  it('shows published articles to every staff role, drafts only to editors in scope, and nothing to enterprises', async () => {
    const draft = await create('handler', { title: '药品经营许可（草稿）' });
    const published = await publish(await create('handler', { title: '药品经营许可' }));
    for (const role of ['agent', 'dispatcher', 'leader', 'handler', 'supervisor', 'admin', 'hr-handler']) {
      expect((await as(role, 'GET', `/api/knowledge/${published.id}`)).statusCode, role).toBe(200);
    }
    for (const role of ['handler', 'supervisor', 'admin']) expect((await as(role, 'GET', `/api/knowledge/${draft.id}`)).statusCode, role).toBe(200);
    for (const role of ['agent', 'dispatcher', 'leader', 'hr-handler', 'ys-supervisor']) {
      expect((await as(role, 'GET', `/api/knowledge/${draft.id}`)).statusCode, role).toBe(404);
    }
    for (const url of [`/api/knowledge/${draft.id}`, `/api/knowledge/${published.id}`, '/api/knowledge', '/api/knowledge/suggest?text=药品']) {
      expect((await as('enterprise', 'GET', url)).statusCode, url).toBe(403);
      expect((await t.request('GET', url)).statusCode, url).toBe(401);
    }
    const listed = async (user: string, query = '') => ((await as(user, 'GET', `/api/knowledge?pageSize=100${query}`)).json().items as { id: number }[]).map((i) => i.id);
    expect(await listed('agent')).toContain(published.id);
    expect(await listed('agent')).not.toContain(draft.id);
    expect(await listed('hr-handler')).not.toContain(draft.id);
    expect(await listed('handler')).toContain(draft.id);
    expect(await listed('handler', '&status=draft')).not.toContain(published.id);
    expect(await listed('agent', '&status=draft')).toEqual([]);
    expect(await listed('admin', `&officeId=${hr}`)).not.toContain(published.id);
  });

  it('lets a handler change drafts of their office only, and only a publisher change a published article', async () => {
    const draft = await create('handler', { title: '特种设备使用登记' });
    const edited = await as('handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: 1, answer: '向市场监督管理部门申请使用登记。', regionCode: '411721' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, regionCode: '411721', regionName: '西平县', updatedByName: 'handler' });
    expect((await as('hr-handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: 2, title: '越权' })).statusCode).toBe(404);
    // Moving the draft to an office outside the handler's scope is refused.
    expect((await as('handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: 2, officeId: hr })).statusCode).toBe(403);
    const published = await publish(edited.json());
    const byHandler = await as('handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: published.version, title: '改标题' });
    expect(byHandler.statusCode).toBe(403);
    expect((await as('hr-handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: published.version, title: '改标题' })).statusCode).toBe(403);
    const bySupervisor = await as('supervisor', 'PATCH', `/api/knowledge/${draft.id}`, { version: published.version, title: '特种设备使用登记怎么办' });
    expect(bySupervisor.statusCode).toBe(200);
    expect(bySupervisor.json()).toMatchObject({ status: 'published', title: '特种设备使用登记怎么办' });
    const audit = await auditOf(draft.id);
    expect(audit.map((a) => a.action)).toEqual(['knowledge.create', 'knowledge.update', 'knowledge.publish', 'knowledge.update']);
    expect(audit[3]).toMatchObject({ actor_name: 'supervisor', before: expect.objectContaining({ title: '特种设备使用登记' }), after: expect.objectContaining({ title: '特种设备使用登记怎么办' }) });
  });

  it('answers a stale version with 409 and lets exactly one of two concurrent changes win', async () => {
    const draft = await create('handler', { title: '计量器具检定' });
    expect((await as('handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: 1, title: '计量器具强制检定' })).statusCode).toBe(200);
    const stale = await as('handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: 1, title: '覆盖' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_version', details: { currentVersion: 2 } });
    expect((await as('supervisor', 'POST', `/api/knowledge/${draft.id}/publish`, { version: 1 })).statusCode).toBe(409);
    const results = await Promise.all(['甲', '乙'].map((n) => as('handler', 'PATCH', `/api/knowledge/${draft.id}`, { version: 2, title: `并发${n}` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('moves status by publish, archive and withdraw, refusing moves that make no sense', async () => {
    let a = await create('handler', { title: '广告发布登记' });
    expect((await as('supervisor', 'POST', `/api/knowledge/${a.id}/withdraw`, { version: a.version })).json().error.code).toBe('invalid_status');
    a = await publish(a);
    const again = await as('supervisor', 'POST', `/api/knowledge/${a.id}/publish`, { version: a.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_status');
    // A handler may discard a draft but not archive a published article.
    expect((await as('handler', 'POST', `/api/knowledge/${a.id}/archive`, { version: a.version })).statusCode).toBe(403);
    a = (await as('supervisor', 'POST', `/api/knowledge/${a.id}/archive`, { version: a.version })).json();
    expect(a).toMatchObject({ status: 'archived', effective: false });
    a = (await as('supervisor', 'POST', `/api/knowledge/${a.id}/withdraw`, { version: a.version })).json();
    expect(a.status).toBe('draft');
    const discarded = await as('handler', 'POST', `/api/knowledge/${a.id}/archive`, { version: a.version });
    expect(discarded.statusCode).toBe(200);
    expect(discarded.json().status).toBe('archived');
    expect((await auditOf(a.id)).map((e) => e.action)).toEqual(['knowledge.create', 'knowledge.publish', 'knowledge.archive', 'knowledge.withdraw', 'knowledge.archive']);
  });

  it('refuses to publish an expired article', async () => {
    const a = await create('handler', { title: '过期政策', validFrom: '2020-01-01', validUntil: '2020-12-31' });
    const res = await as('supervisor', 'POST', `/api/knowledge/${a.id}/publish`, { version: a.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('article_expired');
  });

  it('counts uses of an article in force without changing its version, audited, and refuses drafts', async () => {
    const a = await publish(await create('handler', { title: '网络交易经营者登记' }));
    const used = await as('agent', 'POST', `/api/knowledge/${a.id}/use`, { caseId: 42 });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toEqual({ id: a.id, useCount: 1 });
    expect(await recordArticleUse(t.database.db, operatorActor(), a.id)).toEqual({ id: a.id, useCount: 2 });
    expect((await as('agent', 'POST', `/api/knowledge/${a.id}/use`)).json().useCount).toBe(3);
    const after = (await as('agent', 'GET', `/api/knowledge/${a.id}`)).json();
    expect(after).toMatchObject({ useCount: 3, version: a.version });
    expect(after.lastUsedAt).not.toBeNull();
    const audit = await auditOf(a.id);
    expect(audit.filter((e) => e.action === 'knowledge.use')[0]).toMatchObject({ actor_name: 'agent', after: { useCount: 1, caseId: 42 } });
    const draft = await create('handler', { title: '草稿不能用' });
    expect((await as('handler', 'POST', `/api/knowledge/${draft.id}/use`, {})).json().error.code).toBe('article_not_in_force');
    expect((await as('enterprise', 'POST', `/api/knowledge/${a.id}/use`, {})).statusCode).toBe(403);
  });

  it('runs on the lifecycle kernel: each change is an event on the article\'s chain, verified, and the view names the actions open', async () => {
    const draft = await create('handler', { title: '印章刻制备案' });
    expect(draft).toMatchObject({ actions: ['archive', 'update'], blockedActions: [] });
    expect((await as('supervisor', 'GET', `/api/knowledge/${draft.id}`)).json().actions).toEqual(['publish', 'archive', 'update']);
    expect((await as('agent', 'GET', `/api/knowledge/${(await publish(draft)).id}`)).json()).toMatchObject({ actions: [], blockedActions: [] });
    await as('agent', 'POST', `/api/knowledge/${draft.id}/use`, { caseId: 7 });
    const expired = await create('handler', { title: '旧版印章政策', validFrom: '2020-01-01', validUntil: '2020-12-31' });
    expect((await as('supervisor', 'GET', `/api/knowledge/${expired.id}`)).json().blockedActions)
      .toEqual([expect.objectContaining({ action: 'publish', code: 'article_expired', messageEn: expect.stringContaining('2020-12-31') })]);
    const events = await queryRows<{ seq: number; action: string; from_status: string | null; to_status: string; data: Record<string, unknown> }>(t.database.db,
      sql`select seq, action, from_status, to_status, data from knowledge_article_events where article_id = ${draft.id} order by seq`);
    expect(events).toEqual([
      expect.objectContaining({ seq: 1, action: 'create', from_status: null, to_status: 'draft' }),
      expect.objectContaining({ seq: 2, action: 'publish', from_status: 'draft', to_status: 'published' }),
      expect.objectContaining({ seq: 3, action: 'use', to_status: 'published', data: { caseId: 7 } }),
    ]);
    const verified = (await verifyWorkItems(t.database.db)).find((v) => v.label === 'knowledge article');
    expect(verified).toMatchObject({ ok: true });
    expect(verified!.events).toBeGreaterThanOrEqual(3);
    await expect(t.database.db.execute(sql`delete from knowledge_article_events where article_id = ${draft.id}`)).rejects.toThrow();
  });

  it('refuses bad input with 400 naming the problem, writing nothing', async () => {
    const [before] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from knowledge_articles`);
    const bad: [Record<string, unknown>, string][] = [
      [article({ isPublished: true }), 'invalid_request'],
      [article({ officeId: String(market) }), 'invalid_request'],
      [article({ keywords: '饭店' }), 'invalid_request'],
      [article({ keywords: Array.from({ length: 21 }, (_, i) => `k${i}`) }), 'invalid_request'],
      [article({ regionCode: '4117' }), 'invalid_request'],
      [article({ validFrom: '2026/01/01' }), 'invalid_request'],
      [article({ title: '' }), 'invalid_request'],
      [article({ title: '   ' }), 'invalid_title'],
      [article({ category: '社会保障//养老保险' }), 'invalid_category'],
      [article({ validFrom: '2026-02-30' }), 'invalid_date'],
      [article({ validFrom: '2026-05-01', validUntil: '2026-04-30' }), 'invalid_validity'],
      [article({ officeId: 999999 }), 'unknown_office'],
      [article({ regionCode: '419999' }), 'unknown_region'],
      [article({ regionCode: '410105' }), 'region_outside_office'],
    ];
    for (const [body, code] of bad) {
      const res = await as('admin', 'POST', '/api/knowledge', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    const { officeId: _o, ...missing } = article();
    expect((await as('admin', 'POST', '/api/knowledge', missing)).json().error.details.fields).toEqual([expect.objectContaining({ field: 'officeId' })]);
    expect((await as('admin', 'PATCH', '/api/knowledge/1', { title: '没有版本' })).statusCode).toBe(400);
    expect((await as('admin', 'POST', '/api/knowledge/1/publish', {})).statusCode).toBe(400);
    for (const url of ['/api/knowledge?status=deleted', '/api/knowledge?pageSize=1000', '/api/knowledge?page=0', '/api/knowledge?foo=1', '/api/knowledge/abc', '/api/knowledge/suggest?text=', '/api/public/knowledge?q=a&secret=1']) {
      const res = await as('admin', 'GET', url);
      expect(res.statusCode, url).toBe(400);
    }
    const [after] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from knowledge_articles`);
    expect(after.n).toBe(before.n);
  });

  it('answers every wrong type in every field with a clean 4xx (generated)', async () => {
    const a = await create('handler', { title: '生成测试' });
    const wrongValue = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.double());
    const bodies = [{ method: 'POST', url: '/api/knowledge', body: article() }, { method: 'PATCH', url: `/api/knowledge/${a.id}`, body: { version: a.version, ...article() } }];
    await fc.assert(fc.asyncProperty(fc.nat(), fc.nat(), wrongValue, async (i, j, value) => {
      const e = bodies[i % bodies.length];
      const fields = Object.keys(e.body);
      const field = fields[j % fields.length];
      const current = (e.body as Record<string, unknown>)[field];
      if (typeof value === typeof current && Array.isArray(value) === Array.isArray(current)) return;
      if (value === null && ['regionCode', 'validFrom', 'validUntil'].includes(field)) return; // nullable by design
      const res = await as('admin', e.method, e.url, { ...e.body, [field]: value });
      expect(res.statusCode, `${field}=${JSON.stringify(value)}: ${res.body}`).toBe(400);
      expect(res.body).not.toMatch(/\n\s+at |node_modules/);
    }), { numRuns: 60 });
    expect((await as('admin', 'GET', `/api/knowledge/${a.id}`)).json().version).toBe(a.version);
  });

  it('serves the public search without log-in: published articles in force only, without internal fields', async () => {
    const published = await publish(await create('handler', { title: '电子营业执照下载', keywords: ['电子执照'] }));
    const draft = await create('handler', { title: '电子营业执照下载（修订稿）', keywords: ['电子执照'] });
    const archived = await publish(await create('handler', { title: '电子营业执照下载（旧版）', keywords: ['电子执照'] }));
    await as('supervisor', 'POST', `/api/knowledge/${archived.id}/archive`, { version: archived.version });
    for (const cookie of [undefined, cookies.enterprise]) {
      const res = await t.request('GET', `/api/public/knowledge?q=${encodeURIComponent('电子执照')}`, { cookie });
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((i: { id: number }) => i.id);
      expect(ids).toContain(published.id);
      expect(ids).not.toContain(draft.id);
      expect(ids).not.toContain(archived.id);
    }
    const item = (await t.request('GET', `/api/public/knowledge?q=${encodeURIComponent('电子执照')}`)).json().items.find((i: { id: number }) => i.id === published.id);
    expect(Object.keys(item).sort()).toEqual(['answer', 'category', 'id', 'keywords', 'officeName', 'question', 'regionCode', 'regionName', 'title', 'updatedAt', 'validFrom', 'validUntil']);
    expect((await t.request('GET', `/api/public/knowledge/${published.id}`)).json()).toEqual(item);
    expect((await t.request('GET', `/api/public/knowledge/${draft.id}`)).statusCode).toBe(404);
    expect((await t.request('GET', `/api/public/knowledge/${archived.id}`)).statusCode).toBe(404);
    const all = (await t.request('GET', '/api/public/knowledge?pageSize=50')).json();
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((i: Record<string, unknown>) => !('status' in i) && !('useCount' in i) && !('createdByName' in i))).toBe(true);
  });
});

describe('rate limiting of the public knowledge search', () => {
  it('answers 429 once a client exceeds ten times the public limit per minute', async () => {
    const t = await startTestApp('pglite', { PUBLIC_RATE_LIMIT: '1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await t.request('GET', '/api/public/knowledge?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7')).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      await t.close();
    }
  });
});

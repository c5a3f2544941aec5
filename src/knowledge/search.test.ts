import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { queryRows, sql } from '../platform/db/engine.js';
import { DEMO_ARTICLES, loadDemoKnowledge } from './demo.js';
import { suggestArticles, termStatistics } from './queries.js';
import { selectingTerms } from './search-terms.js';
import { createArticle } from './commands/createArticle.js';
import { archiveArticle, publishArticle } from './commands/articleActions.js';

describe.each(ENGINES)('knowledge search on %s', (engine) => {
  let t: TestApp;
  let ids: Record<string, number>;
  let agent: string;
  const operator = operatorActor();
  const titles = (items: { title: string }[]) => items.map((i) => i.title);

  beforeAll(async () => {
    t = await startTestApp(engine);
    ids = await loadDemoKnowledge(t.database.db, operator, t.demo.offices);
    agent = await t.login('agent');
  });
  afterAll(() => t.close());

  it('loads the demo knowledge once, published except the one draft, every write audited', async () => {
    expect(Object.keys(ids)).toHaveLength(DEMO_ARTICLES.length);
    expect(await loadDemoKnowledge(t.database.db, operator, t.demo.offices)).toEqual(ids);
    const [counts] = await queryRows<{ published: number; draft: number; audited: number }>(t.database.db, sql`
      select count(*) filter (where status = 'published')::int as published, count(*) filter (where status = 'draft')::int as draft,
        (select count(*)::int from audit_events where entity_type = 'knowledge_article') as audited from knowledge_articles`);
    expect(counts).toEqual({ published: DEMO_ARTICLES.length - 1, draft: 1, audited: DEMO_ARTICLES.length * 2 - 1 });
  });

  it('finds the business-licence article first for 营业执照怎么办', async () => {
    const items = await suggestArticles(t.database.db, '营业执照怎么办', 5);
    expect(items[0].id).toBe(ids['business-licence']);
    expect(items[0]).toMatchObject({ title: '营业执照怎么办理', officeName: '驻马店市市场监督管理局' });
    expect(items[0].answer).toContain('市场监督管理部门');
  });

  it('finds social-security card replacement for 社保卡丢了, a word the dictionary does not know', async () => {
    const items = await suggestArticles(t.database.db, '社保卡丢了', 5);
    expect(items[0].id).toBe(ids['social-security-card']);
  });

  it.each([
    ['我想问一下失业金怎么领', 'unemployment-benefit'],
    ['住房公积金能不能提取', 'housing-fund-withdrawal'],
    ['家里暖气不热', 'heating-repair'],
    ['楼上装修太吵了', 'noise-complaint'],
    ['买的房子怎么办房产证', 'real-estate-registration'],
    ['个体户有什么减税政策', 'individual-business-tax'],
    ['公司招人有补贴吗', 'employment-subsidy'],
    ['新开公司要办哪些手续', 'enterprise-startup'],
    ['身份证丢了', 'id-card-replacement'],
    ['ＱＩＮＱＩＮＧ 12345受理范围', 'hotline-scope'],
  ])('answers how citizens ask: %s', async (text, key) => {
    const items = await suggestArticles(t.database.db, text, 5, { regionCode: '411721' });
    expect(items[0]?.id, JSON.stringify(titles(items))).toBe(ids[key]);
  });

  it('ranks a title hit above an answer hit for the same word', async () => {
    const db = t.database.db;
    const inAnswer = await createArticle(db, operator, { title: '小区公共设施维修', question: '小区设施坏了谁修', answer: '电动自行车充电桩损坏由物业负责维修。', category: '城市管理/物业', officeId: t.demo.offices['zmd-dept-1'] });
    const inTitle = await createArticle(db, operator, { title: '电动自行车充电桩报修', question: '充电桩坏了找谁', answer: '联系设施运营单位维修。', category: '城市管理/物业', officeId: t.demo.offices['zmd-dept-1'] });
    for (const a of [inAnswer, inTitle]) await publishArticle(db, operator, a.id, { version: a.version });
    const items = (await t.request('GET', `/api/knowledge?q=${encodeURIComponent('充电桩')}`, { cookie: agent })).json().items as { id: number }[];
    expect(items.map((i) => i.id).slice(0, 2)).toEqual([inTitle.id, inAnswer.id]);
  });

  it('scopes by region: an article for a county applies there only, one for a city in all its counties', async () => {
    const xiping = await suggestArticles(t.database.db, '个体工商户登记', 5, { regionCode: '411721' });
    expect(xiping.map((i) => i.id)).toContain(ids['xiping-individual-business']);
    const shangcai = await suggestArticles(t.database.db, '个体工商户登记', 5, { regionCode: '411722' });
    expect(shangcai.map((i) => i.id)).not.toContain(ids['xiping-individual-business']);
    // Heating is scoped to 驻马店市 (411700): offered in 西平县, not in 郑州市金水区.
    expect((await suggestArticles(t.database.db, '暖气不热', 5, { regionCode: '411721' }))[0]?.id).toBe(ids['heating-repair']);
    expect((await suggestArticles(t.database.db, '暖气不热', 5, { regionCode: '410105' })).map((i) => i.id)).not.toContain(ids['heating-repair']);
    // No region: every scope.
    expect((await suggestArticles(t.database.db, '暖气不热', 5))[0]?.id).toBe(ids['heating-repair']);
  });

  it('does not suggest drafts, archived or expired articles, nor ones not yet in force', async () => {
    const db = t.database.db;
    const officeId = t.demo.offices['zmd-dept-6'];
    const base = { question: '路灯坏了找谁', answer: '城市道路路灯由城市管理部门维护。', category: '城市管理/路灯', officeId };
    const draft = await createArticle(db, operator, { ...base, title: '路灯不亮报修（草稿）' });
    const archived = await createArticle(db, operator, { ...base, title: '路灯不亮报修（旧）' });
    const published = await publishArticle(db, operator, archived.id, { version: archived.version });
    await archiveArticle(db, operator, archived.id, { version: published.version });
    const expiring = await createArticle(db, operator, { ...base, title: '路灯不亮报修（本年度）', validUntil: '2099-12-31' });
    await publishArticle(db, operator, expiring.id, { version: expiring.version });
    const future = await createArticle(db, operator, { ...base, title: '路灯不亮报修（明年）', validFrom: '2099-01-01' });
    await publishArticle(db, operator, future.id, { version: future.version });
    const offered = (on?: string) => suggestArticles(db, '路灯不亮', 5, { on }).then((items) => items.map((i) => i.id));
    const today = await offered();
    expect(today).toContain(expiring.id);
    for (const id of [draft.id, archived.id, future.id]) expect(today).not.toContain(id);
    // The day after expiry it is gone; once in force, the future one is offered.
    expect(await offered('2100-01-01')).not.toContain(expiring.id);
    expect(await offered('2099-06-01')).toContain(future.id);
    const draftDemo = await suggestArticles(db, '城乡居民医保缴费', 5);
    expect(draftDemo.map((i) => i.id)).not.toContain(ids['resident-medical-insurance-draft']);
  });

  it('finds a one-character query as a substring of title, question or keywords', async () => {
    const items = (await t.request('GET', `/api/knowledge?q=${encodeURIComponent('卡')}`, { cookie: agent })).json().items as { id: number }[];
    expect(items[0]?.id).toBe(ids['social-security-card']);
  });

  it('suggests nothing for an empty or meaningless text, and caps a long one', async () => {
    expect(await suggestArticles(t.database.db, '   ', 5)).toEqual([]);
    expect(await suggestArticles(t.database.db, '怎么办？', 5)).toEqual([]);
    expect(await suggestArticles(t.database.db, '今天天气', 5)).toEqual([]);
    const long = `${'我家楼上每天晚上装修噪音扰民，'.repeat(100)}`;
    const items = await suggestArticles(t.database.db, long, 5);
    expect(items[0]?.id).toBe(ids['noise-complaint']);
  });

  it('serves the top five suggestions for intake at GET /api/knowledge/suggest', async () => {
    const res = await t.request('GET', `/api/knowledge/suggest?text=${encodeURIComponent('社保卡丢了怎么补办')}&regionCode=411721`, { cookie: agent });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items[0]).toMatchObject({ id: ids['social-security-card'], officeName: '驻马店市人力资源和社会保障局' });
    expect((await t.request('GET', '/api/knowledge/suggest?text=x&regionCode=41', { cookie: agent })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/knowledge/suggest', { cookie: agent })).statusCode).toBe(400);
  });

  it('searches the staff list by relevance with a total, and pages it', async () => {
    const res = await t.request('GET', `/api/knowledge?q=${encodeURIComponent('营业执照')}&pageSize=1`, { cookie: agent });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0].id).toBe(ids['business-licence']);
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.items[0].score).toBeGreaterThan(0);
    const second = (await t.request('GET', `/api/knowledge?q=${encodeURIComponent('营业执照')}&pageSize=1&page=2`, { cookie: agent })).json();
    expect(second.items[0].id).not.toBe(ids['business-licence']);
    expect(second.total).toBe(body.total);
    const beyond = (await t.request('GET', `/api/knowledge?q=${encodeURIComponent('营业执照')}&pageSize=1&page=500`, { cookie: agent })).json();
    expect(beyond).toMatchObject({ items: [], total: body.total, page: 500 });
  });

  it('answers a search fast enough for typing at intake', async () => {
    const started = performance.now();
    for (const text of ['营业执照怎么办', '社保卡丢了', '楼上装修太吵了', '暖气不热', '公积金提取']) await suggestArticles(t.database.db, text, 5);
    expect((performance.now() - started) / 5).toBeLessThan(200);
  });

  it('uses its indexes for the candidate search when the table is large', async () => {
    const plan = await t.database.session(async (s) => {
      await s.exec('set enable_seqscan = off');
      try {
        return await s.query<{ 'QUERY PLAN': string }>(`explain select id from knowledge_articles a
          where a.search_terms && array['社保','保卡']::text[] or a.search_text like '%社保卡%'`);
      } finally {
        await s.exec('reset enable_seqscan');
      }
    });
    const text = plan.map((p) => p['QUERY PLAN']).join('\n');
    expect(text).toContain('knowledge_articles_terms');
    expect(text).toContain('knowledge_articles_text');
  });

  it('reads how many articles hold each common term from PostgreSQL\'s statistics once the table is analysed', async () => {
    const [top] = await queryRows<{ term: string; n: number; total: number }>(t.database.db, sql`
      select term, count(*)::int as n, (select count(*)::int from knowledge_articles) as total
      from knowledge_articles, unnest(search_terms) as term group by term order by n desc, term limit 1`);
    await t.database.db.execute(sql`analyze knowledge_articles`);
    const stats = await termStatistics(t.database.db);
    expect(stats.articles).toBe(top.total);
    expect(Math.round(stats.held.get(top.term)!)).toBe(top.n);
    // A county's knowledge base is far below the common-term floor: every term still selects.
    const terms = [...stats.held.keys()].slice(0, 5);
    expect(selectingTerms(terms, stats)).toEqual({ any: terms, all: [] });
  });
});

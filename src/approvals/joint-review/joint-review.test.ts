import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC } from '../../demo/organisation.js';
import { verifyWorkItems } from '../../audit/verify.js';
import { loadDemoServiceItems } from '../demo.js';
import { jointOutcome } from './rules.js';
import type { JointReviewView } from './contract.js';

describe('the joint report\'s rule', () => {
  it('results only with every verdict; one fail fails it, a condition conditions it', () => {
    expect(jointOutcome(['pass', null])).toBeNull();
    expect(jointOutcome([])).toBeNull();
    expect(jointOutcome(['pass', 'pass'])).toBe('passed');
    expect(jointOutcome(['pass', 'conditional'])).toBe('conditional');
    expect(jointOutcome(['conditional', 'fail', 'pass'])).toBe('failed');
  });
});

describe.each(ENGINES)('joint review and joint acceptance (联审联批, 联合验收) on %s', (engine) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let applicationId: number;
  const office = (k: string) => t.demo.offices[`county-410122-${k}`];

  beforeAll(async () => {
    t = await startTestApp(engine);
    await loadDemoServiceItems(t.database.db, operatorActor(), t.demo.offices);
    for (const u of ['window-agent', 'reviewer-market', 'reviewer-urban', 'reviewer-fire', 'reviewer-water', 'enterprise', 'zhongmu-leader']) cookies[u] = await t.login(u);
    const [item] = await queryRows<{ id: number; materials: number[] }>(t.database.db, sql`select s.id, array_agg(m.id) filter (where m.required) as materials
      from service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision join service_item_materials m on m.version_id = v.id
      where v.name = '公众聚集场所投入使用、营业前消防安全检查' group by s.id`);
    const res = await as('window-agent', 'POST', '/api/applications', {
      serviceItemId: Number(item.id), applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC }, materialIds: item.materials.map(Number),
    });
    applicationId = JSON.parse(res.body).id;
  }, 120_000);
  afterAll(() => t.close());

  const as = (user: string, method: string, url: string, body?: unknown) => t.request(method, url, { cookie: cookies[user], body });
  const schedule = (user = 'window-agent', over: Record<string, unknown> = {}) => as(user, 'POST', '/api/joint-reviews', {
    applicationId, kind: 'acceptance', scheduledAt: '2026-12-10T09:30:00+08:00', place: '中牟县政务服务中心三楼联审室',
    departmentIds: [office('fire'), office('urban'), office('market')], ...over,
  });
  const verdict = (user: string, id: number, departmentId: number, v: string, remarks?: string) =>
    as(user, 'POST', `/api/joint-reviews/${id}/record-verdict`, { departmentId, verdict: v, ...(remarks ? { remarks } : {}) });
  const counts = async () => (await queryRows<{ reviews: number; events: number; verdicts: number }>(t.database.db, sql`select (select count(*)::int from joint_reviews) as reviews,
    (select count(*)::int from joint_review_events) as events, (select count(*) filter (where verdict is not null)::int from joint_review_verdicts) as verdicts`))[0];

  it('takes one verdict from each invited department, its own only and once, and reports when the last is in; a fail keeps the others\' verdicts', async () => {
    const created = await schedule();
    expect(created.statusCode, created.body).toBe(201);
    const r = JSON.parse(created.body) as JointReviewView;
    expect(r.verdicts.map((v) => v.verdict)).toEqual([null, null, null]);
    // Each reader is told which verdict is its own to record: a reviewer its department's, the window and the applicant none.
    const mine = async (user: string) => (JSON.parse((await as(user, 'GET', `/api/joint-reviews/${r.id}`)).body) as JointReviewView).verdicts.filter((v) => v.mine).map((v) => v.officeId);
    expect(await mine('reviewer-fire')).toEqual([office('fire')]);
    expect(await mine('window-agent')).toEqual([]);
    expect(await mine('enterprise')).toEqual([]);
    // Without an application, a reviewer's list holds what its department was invited to; another department's holds none of it.
    const listed = async (user: string) => (JSON.parse((await as(user, 'GET', '/api/joint-reviews')).body) as { items: JointReviewView[] }).items.map((x) => x.id);
    expect(await listed('reviewer-fire')).toContain(r.id);
    expect(await listed('window-agent')).toContain(r.id);
    expect(await listed('reviewer-water')).not.toContain(r.id);
    expect(await listed('enterprise')).toEqual([]);
    expect((await verdict('reviewer-urban', r.id, office('fire'), 'pass')).statusCode).toBe(403);
    expect((await verdict('reviewer-water', r.id, office('water'), 'pass')).statusCode).toBe(404);
    expect((await verdict('reviewer-fire', r.id, office('fire'), 'fail')).statusCode).toBe(400);
    expect((await verdict('reviewer-fire', r.id, office('fire'), 'fail', '疏散指示标志缺失')).statusCode).toBe(200);
    const again = await verdict('reviewer-fire', r.id, office('fire'), 'pass');
    expect([again.statusCode, JSON.parse(again.body).error.code]).toEqual([409, 'verdict_recorded']);
    expect((await verdict('reviewer-urban', r.id, office('urban'), 'conditional', '招牌亮化须在开业前调整')).statusCode).toBe(200);
    let view = JSON.parse((await as('enterprise', 'GET', `/api/joint-reviews/${r.id}`)).body) as JointReviewView;
    expect([view.status, view.outcome]).toEqual(['scheduled', null]);
    const last = await verdict('reviewer-market', r.id, office('market'), 'pass');
    expect(last.statusCode, last.body).toBe(200);
    view = JSON.parse(last.body) as JointReviewView;
    expect([view.status, view.outcome]).toEqual(['reported', 'failed']);
    expect(view.verdicts.map((v) => [v.officeName, v.verdict, v.recordedBy])).toEqual([['中牟县城市管理局', 'conditional', '林城管'], ['中牟县市场监督管理局', 'pass', '钱市监'], ['中牟县消防救援大队', 'fail', '高消防']]);
    // The report names people, not log-ins.
    expect([view.organiserName, view.organiserOfficeName]).toEqual(['陈窗口', '中牟县人民政府']);
    expect((await verdict('reviewer-market', r.id, office('market'), 'pass')).statusCode).toBe(409);
    expect(JSON.parse((await as('window-agent', 'GET', `/api/joint-reviews/${r.id}/events`)).body)).toHaveLength(4);
    expect((await verifyWorkItems(t.database.db)).every((v) => v.ok)).toBe(true);
  });

  it('is scheduled only by the window or department of the application, read only by those invited and the applicant, and refuses bad input writing nothing', async () => {
    const before = await counts();
    expect((await schedule('reviewer-water')).statusCode).toBe(404);
    expect((await schedule('enterprise')).statusCode).toBe(404);
    for (const over of [{ departmentIds: [office('fire')] }, { departmentIds: [office('fire'), office('fire')] }, { departmentIds: [office('fire'), 999999] },
      { scheduledAt: 'next tuesday' }, { place: '' }, { kind: 'party' }, { applicationId: 0 }, { extra: 1 }]) {
      const res = await schedule('window-agent', over);
      expect(res.statusCode, `${JSON.stringify(over)} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(await counts()).toEqual(before);
    const r = JSON.parse((await schedule()).body) as JointReviewView;
    expect((await as('reviewer-water', 'GET', `/api/joint-reviews/${r.id}`)).statusCode).toBe(404);
    expect(JSON.parse((await as('reviewer-water', 'GET', `/api/joint-reviews?applicationId=${applicationId}`)).body).items).toEqual([]);
    expect(JSON.parse((await as('reviewer-fire', 'GET', `/api/joint-reviews?applicationId=${applicationId}`)).body).items).toHaveLength(2);
    expect((await as('window-agent', 'POST', `/api/joint-reviews/${r.id}/cancel`, { version: r.version + 1, reason: '改期' })).statusCode).toBe(409);
    expect((await as('reviewer-fire', 'POST', `/api/joint-reviews/${r.id}/cancel`, { version: r.version, reason: '改期' })).statusCode).toBe(403);
    const cancelled = await as('window-agent', 'POST', `/api/joint-reviews/${r.id}/cancel`, { version: r.version, reason: '企业申请改期' });
    expect(JSON.parse(cancelled.body).status).toBe('cancelled');
    expect((await verdict('reviewer-fire', r.id, office('fire'), 'pass')).statusCode).toBe(409);
  });
});

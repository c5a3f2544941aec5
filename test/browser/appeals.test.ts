import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';

/** The appeals loop (诉求闭环) through the web pages, one role after another, as in a hotline centre. */
describe('the appeals pages in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  const caseRow = async (id: number) =>
    (await queryRows<{ status: string; lead_office_id: number | null; reply: string | null; visit: { satisfaction: string } | null }>(
      f.database.db, sql`select status, lead_office_id, reply, visit from cases where id = ${id}`))[0];
  /**
   * Clicks what takes a case action and waits for the server's answer to it, which must be 200:
   * a refusal says why, and a busy machine only makes the wait longer, never a row that "stays".
   */
  const act = async (id: number, action: string, click: () => Promise<void>) => {
    const [res] = await Promise.all([
      f.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/cases/${id}/${action}`, { timeout: 60_000 }),
      click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
  };

  it('answers a consultation at intake from the knowledge base ("用此答复")', async () => {
    const { page } = f;
    await f.login('agent');
    await page.goto(`${f.url}/cases/intake`);
    await page.getByTestId('intake-title').fill('养老保险怎么缴费');
    await page.getByTestId('intake-content').fill('没有单位，自己怎么交养老保险？');
    await page.getByTestId('intake-requester-name').fill('李先生');
    const article = f.knowledge['pension-payment'];
    await page.getByTestId(`intake-article-${article}`).waitFor();
    await page.getByTestId(`intake-use-article-${article}`).click();
    await page.getByTestId('intake-submit').click();
    await page.locator('[data-testid="intake-created-status"][data-status="answered"]').waitFor();
    const code = (await page.getByTestId('intake-created-code').textContent())!.trim();
    const [row] = await queryRows<{ status: string; reply: string }>(f.database.db, sql`select status, reply from cases where code = ${code}`);
    expect(row.status).toBe('answered');
    expect(row.reply).toContain('养老保险');
  });

  it('walks a complaint round the loop: intake → dispatch → sign → reply → review → return visit → close, every step on the timeline', async () => {
    const { page } = f;
    const market = f.demo.offices['zmd-dept-0'];

    // 话务员 takes the call.
    await f.login('agent');
    expect(await page.getByTestId('side-menu').textContent()).toContain('受理');
    await page.getByTestId('menu-case-intake').click();
    await page.getByTestId('intake-type').click();
    await page.getByTestId('intake-type-option-complaint').click();
    await page.getByTestId('intake-title').fill('超市出售过期牛奶');
    await page.getByTestId('intake-content').fill('人民路某超市货架上的牛奶已过保质期三天，仍在销售。');
    await page.getByTestId('intake-region').click();
    await page.keyboard.type('驻马店');
    await page.getByTestId('region-option-411700').click();
    await page.getByTestId('intake-category').click();
    await page.keyboard.type('食品');
    await page.getByTestId(`category-option-${f.categories['market.food']}`).click();
    await page.getByTestId('intake-address').fill('驻马店市人民路88号');
    await page.getByTestId('intake-requester-name').fill('周先生');
    await page.getByTestId('intake-requester-phone').fill('13812345678');
    await page.getByTestId('intake-submit').click();
    const code = (await page.getByTestId('intake-created-code').textContent())!.trim();
    const id = Number((await page.getByTestId('intake-created-link').getAttribute('href'))!.split('/').pop());
    expect(code).toMatch(/^\d{13}$/);
    expect((await caseRow(id)).status).toBe('accepted');

    // 派单员 dispatches to the office the catalogue names, pre-selected.
    await f.logout();
    await f.login('dispatcher');
    await page.goto(`${f.url}/cases/dispatch`);
    await page.getByTestId(`dispatch-open-${id}`).click();
    await page.getByTestId(`dispatch-suggestion-${market}`).waitFor();
    await page.getByTestId('dispatch-lead').filter({ hasText: '市场监督管理局' }).waitFor();
    await act(id, 'dispatch', () => page.getByTestId('dispatch-submit').click());
    await page.getByTestId(`dispatch-row-${id}`).waitFor({ state: 'detached' });
    expect(await caseRow(id)).toMatchObject({ status: 'dispatched', lead_office_id: market });

    // 承办人 signs for it and replies, the deadline shown in working time.
    await f.logout();
    await f.login('handler');
    await page.goto(`${f.url}/cases/inbox`);
    await page.getByTestId(`inbox-row-${id}`).waitFor();
    expect(await page.getByTestId(`deadline-${id}`).getAttribute('data-state')).toBe('on_time');
    await act(id, 'sign', () => page.getByTestId(`inbox-sign-${id}`).click());
    await page.getByTestId(`inbox-row-${id}`).waitFor({ state: 'detached' });
    await page.getByTestId('inbox-tab-handling').click();
    await page.getByTestId(`inbox-reply-${id}`).click();
    await page.getByTestId('reply-text').fill('经现场检查，过期牛奶已全部下架，已依法立案查处。');
    await act(id, 'reply', () => page.getByTestId('reply-submit').click());
    await page.getByTestId(`inbox-row-${id}`).waitFor({ state: 'detached' });
    expect((await caseRow(id)).status).toBe('replied');

    // 派单员 reviews the reply and accepts it.
    await f.logout();
    await f.login('dispatcher');
    await page.goto(`${f.url}/cases/dispatch`);
    await page.getByTestId('dispatch-tab-review').click();
    await page.getByTestId(`review-accept-${id}`).click();
    await act(id, 'review', () => page.getByTestId('case-action-submit').click());
    await page.getByTestId(`review-row-${id}`).waitFor({ state: 'detached' });
    expect((await caseRow(id)).status).toBe('reviewed');

    // 话务员 calls back (resolved, satisfied) and closes the case.
    await f.logout();
    await f.login('agent');
    await page.goto(`${f.url}/cases/${id}`);
    expect((await page.getByTestId('case-code').textContent())!.trim()).toBe(code);
    expect(await page.getByTestId('case-requester').textContent()).toContain('13812345678');
    // Closing waits for the visit: the button is there but disabled, with the server's reason.
    const close = page.getByTestId('case-action-close');
    expect(await close.isDisabled()).toBe(true);
    await close.locator('..').hover();
    await page.getByRole('tooltip').filter({ hasText: '办结前须完成回访' }).waitFor();
    await page.getByTestId('case-action-return-visit').click();
    await page.getByTestId('visit-resolved-true').click();
    await page.getByTestId('visit-satisfaction-satisfied').click();
    await page.getByTestId('case-action-submit').click();
    await page.locator('[data-testid="case-timeline"] [data-action="return-visit"]').waitFor();
    await page.getByTestId('case-action-close').click();
    await page.getByTestId('case-action-submit').click();
    await page.locator('[data-testid="case-status"][data-status="closed"]').waitFor();

    const steps = await page.locator('[data-testid="case-timeline"] [data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(steps).toEqual(['create', 'dispatch', 'sign', 'reply', 'review', 'return-visit', 'close']);
    const timeline = (await page.getByTestId('case-timeline').textContent())!;
    for (const text of ['受理', '派单', '签收', '答复', '审核', '回访', '办结', '市场监督管理局', '已依法立案查处', '满意']) expect(timeline).toContain(text);
    const row = await caseRow(id);
    expect(row.status).toBe('closed');
    expect(row.visit?.satisfaction).toBe('satisfied');
  });

  it('lets an enterprise raise an appeal through the portal and see it among its appeals', async () => {
    const { page } = f;
    await f.login('enterprise');
    await page.getByTestId('menu-my-appeals').click();
    await page.getByTestId('my-appeals-table').waitFor();
    await page.getByTestId('my-appeal-new').click();
    await page.getByTestId('my-appeal-title').fill('新厂房用电报装迟迟未办');
    await page.getByTestId('my-appeal-content').fill('三个月前申请的用电报装至今没有进展，影响投产。');
    await page.getByTestId('my-appeal-submit').click();
    await page.getByTestId('my-appeals-table').getByText('新厂房用电报装迟迟未办').waitFor();
    const [row] = await queryRows<{ channel: string; requester_kind: string; requester_uscc: string }>(f.database.db,
      sql`select channel, requester_kind, requester_uscc from cases where title = '新厂房用电报装迟迟未办'`);
    expect(row).toMatchObject({ channel: 'enterprise_portal', requester_kind: 'enterprise' });
    expect(row.requester_uscc).toMatch(/^[0-9A-Z]{18}$/);
  });

  it('lets a citizen submit an appeal without logging in and track it with the code and the secret', async () => {
    const { page } = f;
    await page.goto(`${f.url}/login`);
    await page.getByTestId('login-link-public-appeal').click();
    await page.getByTestId('public-appeal-title').fill('小区门口路灯不亮');
    await page.getByTestId('public-appeal-content').fill('东风路小区门口路灯坏了一周，夜间出行不便。');
    await page.getByTestId('public-appeal-name').fill('王女士');
    await page.getByTestId('public-appeal-phone').fill('13900001111');
    // The first answer is lost on the way back (the server took the appeal in); the citizen submits again.
    const keys: string[] = [];
    await page.route('**/api/public/appeals', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await page.getByTestId('public-appeal-submit').click();
    await page.getByTestId('public-appeal-error').waitFor();
    await page.getByTestId('public-appeal-submit').click();
    const code = (await page.getByTestId('public-appeal-code').textContent())!.trim();
    const secret = (await page.getByTestId('public-appeal-secret').textContent())!.trim();
    expect(code).toMatch(/^\d{13}$/);
    expect(secret.length).toBeGreaterThanOrEqual(8);
    await page.unroute('**/api/public/appeals');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const taken = await queryRows<{ code: string }>(f.database.db, sql`select code from cases where title = '小区门口路灯不亮'`);
    expect(taken).toEqual([{ code }]);

    await page.getByTestId('public-nav-track').click();
    await page.getByTestId('public-track-code').fill(code);
    await page.getByTestId('public-track-secret').fill('not-the-secret');
    await page.getByTestId('public-track-submit').click();
    await page.getByTestId('public-track-error').waitFor();
    await page.getByTestId('public-track-secret').fill(secret);
    await page.getByTestId('public-track-submit').click();
    await page.locator('[data-testid="public-track-status"][data-status="accepted"]').waitFor();
    expect(await page.getByTestId('public-track-status').textContent()).toContain('已受理');
    expect(await page.getByTestId('public-track-timeline').textContent()).toContain('已受理');
  });
});

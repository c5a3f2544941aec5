import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { createCase } from '../../src/cases/commands/createCase.js';
import { runCaseAction } from '../../src/cases/commands/runAction.js';
import { demoActor } from '../../src/demo/actors.js';

/** The agent on the phone (话务员): the caller first, the keyboard all the way, the return-visit queue. */
describe('the agent\'s desk in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  /** The intake field holding the focus: its form item's id (`intake_title`), or the test id of a button. */
  const focused = () => f.page.evaluate<string | null>(`(() => {
    const el = document.activeElement;
    return el?.dataset.testid ?? el?.closest('[id^="intake_"]')?.id ?? el?.tagName ?? null;
  })()`);
  const phoneHasFocus = () => f.page.locator('[data-testid="intake-requester-phone"]:focus').waitFor();

  it('starts with the phone, shows the caller\'s history, suggests the category, goes through every field by Tab and submits with Ctrl+Enter, ready for the next call', async () => {
    const { page } = f;
    await f.login('agent');
    await page.goto(`${f.url}/cases/intake`);
    await phoneHasFocus();

    const order = [
      'intake-requester-phone', 'intake_requesterKind', 'intake-requester-name', 'intake_channel', 'intake_type', 'intake_priority', 'intake-title',
      'intake-content', 'intake_regionCode', 'intake_categoryId', 'intake-address', 'intake-files-add', 'intake-confidential', 'intake-send-secret-sms', 'intake-submit',
    ];
    const seen: string[] = [String(await focused())];
    for (let i = 0; i < 30 && seen.at(-1) !== 'intake-submit'; i++) {
      await page.keyboard.press('Tab');
      const now = String(await focused());
      if (now !== seen.at(-1)) seen.push(now);
    }
    expect(seen, seen.join(' ')).toEqual(order);

    const phone = '13900007777';
    await page.getByTestId('intake-requester-phone').fill(phone);
    await page.getByTestId('intake-caller-history').getByText('此号码没有以往诉求').waitFor();
    await page.getByTestId('intake-requester-name').fill('褚女士');
    await page.getByTestId('intake-title').fill('楼下烧烤店油烟扰民');
    await page.getByTestId('intake-content').fill('每天晚上烧烤店油烟直冲楼上住户窗户，无法开窗。');
    const air = f.categories['environment.air'];
    await page.getByTestId(`intake-category-suggestion-${air}`).waitFor();
    await page.locator('[data-testid="intake-category"]').getByText('大气污染').waitFor();
    await page.getByTestId('intake-content').press('Control+Enter');
    const code = (await page.getByTestId('intake-created-code').textContent())!.trim();
    const [row] = await queryRows<{ id: number; category_id: number; requester_phone: string }>(f.database.db, sql`select id, category_id, requester_phone from cases where code = ${code}`);
    expect(row).toMatchObject({ category_id: air, requester_phone: phone });
    expect(await page.getByTestId('intake-created-secret').textContent()).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);

    // The form is clear and the cursor back on the phone for the next call; the same caller again brings up the case just taken in.
    await phoneHasFocus();
    expect(await page.getByTestId('intake-title').inputValue()).toBe('');
    await page.keyboard.type(phone);
    await page.getByTestId(`intake-caller-case-${row.id}`).getByText('楼下烧烤店油烟扰民').waitFor();
  });

  it('works the return-visit queue: the oldest reviewed case first with the phone and the reply, and a recorded visit takes it off', async () => {
    const { page } = f;
    const db = f.database.db;
    const actors = Object.fromEntries(await Promise.all(['agent', 'dispatcher', 'handler'].map(async (u) => [u, await demoActor(db, u)] as const)));
    const reviewed = async (title: string, phone: string, reply: string) => {
      const c = await createCase(db, actors.agent, { channel: 'hotline', type: 'complaint', title, content: `${title}，请处理`, requester: { kind: 'person', name: '回访测试', phone } });
      let version = c.version;
      for (const [who, action, input] of [['dispatcher', 'dispatch', { leadOfficeId: f.demo.offices['zmd-dept-0'] }], ['handler', 'sign', {}], ['handler', 'reply', { reply }], ['dispatcher', 'review', { decision: 'accept' }]] as const) {
        version = (await runCaseAction(db, actors[who], { caseId: c.id, action, version, input })).version;
      }
      return c.id;
    };
    const oldest = await reviewed('菜市场门口积水', '13700001234', '已疏通排水管道。');
    const newer = await reviewed('小区路灯不亮', '13700005678', '已更换灯泡。');

    await f.login('agent');
    await page.getByTestId('menu-case-visits').click();
    await page.getByTestId(`visit-row-${newer}`).waitFor();
    const rows = await page.locator('[data-testid^="visit-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(rows.indexOf(`visit-row-${oldest}`)).toBeLessThan(rows.indexOf(`visit-row-${newer}`));
    expect(rows[0]).toBe(`visit-row-${oldest}`);
    await page.getByTestId(`visit-open-${oldest}`).click();
    expect(await page.getByTestId('visit-phone').textContent()).toBe('13700001234');
    expect(await page.getByTestId('visit-reply').textContent()).toBe('已疏通排水管道。');
    await page.getByTestId('visit-resolved-true').click();
    await page.getByTestId('visit-satisfaction-satisfied').click();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/cases/${oldest}/return-visit`, { timeout: 60_000 }),
      page.getByTestId('case-action-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await page.getByTestId(`visit-row-${oldest}`).waitFor({ state: 'detached' });
    await page.getByTestId(`visit-row-${newer}`).waitFor();
    const [visited] = await queryRows<{ visit: { satisfaction: string } }>(db, sql`select visit from cases where id = ${oldest}`);
    expect(visited.visit.satisfaction).toBe('satisfied');
  });

  it('finds a caller\'s cases in the case list by the last four digits of the number and by the name', async () => {
    const { page } = f;
    const agent = await demoActor(f.database.db, 'agent');
    const c = await createCase(f.database.db, agent, { channel: 'hotline', type: 'help', title: '咨询公租房申请', content: '想申请公租房', requester: { kind: 'person', name: '尾号测试人', phone: '13655554321' } });
    await f.login('agent');
    await page.goto(`${f.url}/cases`);
    for (const q of ['4321', '尾号测试人', '13655554321']) {
      await page.getByTestId('cases-search').fill(q);
      await page.getByTestId('cases-search').press('Enter');
      // The row is on the page from the search before: wait for this search's address first.
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(q);
      await page.getByTestId(`cases-row-${c.id}`).waitFor();
    }
    await page.getByTestId('cases-search').fill('0000');
    await page.getByTestId('cases-search').press('Enter');
    await page.getByTestId(`cases-row-${c.id}`).waitFor({ state: 'detached' });
  });
});

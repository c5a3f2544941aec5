import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import type { Actor } from '../../src/platform/actor.js';
import { officePaths } from '../../src/offices/subtree.js';
import { createCase } from '../../src/cases/commands/createCase.js';
import { runDetection } from '../../src/proactive/detect.js';
import { loadProactiveConfig } from '../../src/proactive/config.js';

const DAY = 86_400_000;

/** Proactive governance (未诉先办) through the web pages: from a hotspot on the board to a finished task, its effect and the month's topic. */
describe('the proactive governance pages in Chromium', () => {
  let f: BrowserFixture;
  let hotspotId: number;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const centre = f.demo.offices['zmd-centre'];
    const agent: Actor = { userId: null, name: 'agent', roles: ['agent'], officeId: centre, officePath: (await officePaths(f.database.db, [centre])).get(centre)! };
    const now = Date.now();
    const intake = (at: number, i: number) => createCase(f.database.db, agent, {
      channel: 'hotline', type: 'complaint', title: `小区地下车库积水 ${i}`, content: '幸福家园小区地下车库雨后积水倒灌。', regionCode: '411702',
      categoryId: f.categories['construction.property'], requester: { kind: 'person', name: `业主${i}`, phone: `1370396${String(i).padStart(4, '0')}` },
    }, { at: new Date(at) });
    for (let k = 2; k <= 9; k++) await intake(now - k * 7 * DAY, k);
    for (let i = 0; i < 8; i++) await intake(now - i * 60_000, 100 + i);
    await runDetection(f.database.db, loadProactiveConfig({}), { force: true });
    const [row] = await queryRows<{ id: number }>(f.database.db, sql`select h.id::int as id from hotspots h join case_categories c on c.id = h.category_id
      where h.kind = 'category_region' and c.code = 'construction.property' and h.region_code = '411702'`);
    hotspotId = row.id;
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  const taskOf = async () => (await queryRows<{ id: number; status: string; topic_month: string | null; result: string | null }>(f.database.db,
    sql`select id::int as id, status, topic_month, result from proactive_tasks where hotspot_id = ${hotspotId}`))[0];
  /** Clicks and waits for the server's answer to the POST, which must be 200. */
  const posted = async (path: string, click: () => Promise<void>) => {
    const [res] = await Promise.all([
      f.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path, { timeout: 60_000 }),
      click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
  };

  it('takes a hotspot from the board to a finished task with its effect, chosen as the month\'s topic', async () => {
    const { page } = f;
    // 督办员 sees the hotspot on the board, opens it, reads why and its trend, and turns it into a task.
    await f.login('supervisor');
    await page.getByTestId('menu-proactive-hotspots').click();
    await page.getByTestId(`hotspot-card-${hotspotId}`).waitFor();
    expect(await page.getByTestId(`hotspot-card-${hotspotId}`).textContent()).toContain('物业管理');
    await page.getByTestId(`hotspot-open-${hotspotId}`).click();
    expect(await page.getByTestId('hotspot-observed').textContent()).toBe('8');
    expect(await page.getByTestId('hotspot-why').textContent()).toContain('受理 8 件');
    await page.locator('[data-testid="hotspot-trend"] canvas').waitFor();
    await page.locator('[data-testid^="hotspot-case-"]').first().waitFor();
    expect(await page.locator('[data-testid^="hotspot-case-"]').count()).toBe(8);
    // The same appeals in the general case list, narrowed to the hotspot's series and week.
    await page.getByTestId('hotspot-open-case-list').click();
    await page.getByTestId('cases-narrowed').waitFor();
    await page.locator('[data-testid="cases-table"] tr.ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid="cases-table"] tr.ant-table-row').count()).toBe(8);
    await page.goBack();
    await page.getByTestId('hotspot-task').click();
    await page.getByTestId('assignment-owner').click();
    await page.keyboard.type('驻马店市市场监督');
    await page.getByTestId(`office-option-${f.demo.offices['zmd-dept-0']}`).click();
    await posted(`/api/hotspots/${hotspotId}/task`, () => page.getByTestId('hotspot-dialog-submit').click());
    await page.locator('[data-testid="task-status"][data-status="assigned"]').waitFor();
    const task = await taskOf();
    expect(task.status).toBe('assigned');

    // 承办人 of the owner office signs for it.
    await f.logout();
    await f.login('handler');
    await page.getByTestId('menu-proactive-tasks').click();
    await page.getByTestId(`task-link-${task.id}`).click();
    await page.getByTestId('task-action-sign').click();
    await posted(`/api/proactive-tasks/${task.id}/sign`, () => page.getByTestId('task-dialog-submit').click());
    await page.locator('[data-testid="task-status"][data-status="handling"]').waitFor();
    await page.getByTestId('task-action-add-note').click();
    await page.getByTestId('task-note').fill('已组织物业抽排积水，维修排水泵');
    await posted(`/api/proactive-tasks/${task.id}/add-note`, () => page.getByTestId('task-dialog-submit').click());
    await page.getByText('已组织物业抽排积水，维修排水泵').waitFor();

    // 领导 chooses it as the month's topic.
    await f.logout();
    await f.login('leader');
    await page.goto(`${f.url}/proactive-tasks/${task.id}`);
    await page.getByTestId('task-action-choose-topic').click();
    await posted(`/api/proactive-tasks/${task.id}/choose-topic`, () => page.getByTestId('task-dialog-submit').click());
    await page.getByTestId('task-topic').waitFor();

    // 承办人 finishes it with the result; the effect appears.
    await f.logout();
    await f.login('handler');
    await page.goto(`${f.url}/proactive-tasks/${task.id}`);
    await page.getByTestId('task-action-finish').click();
    await page.getByTestId('task-result').fill('排水泵已更换，车库加装挡水坎，建立汛期值守制度');
    await posted(`/api/proactive-tasks/${task.id}/finish`, () => page.getByTestId('task-dialog-submit').click());
    await page.locator('[data-testid="task-status"][data-status="finished"]').waitFor();
    expect(await page.getByTestId('effect-after').textContent()).toBe('8');
    expect(await taskOf()).toMatchObject({ status: 'finished', result: '排水泵已更换，车库加装挡水坎，建立汛期值守制度', topic_month: expect.stringMatching(/^\d{4}-\d{2}$/) });

    // The leader's monthly topic view lists it, with its effect in the figure table.
    await f.logout();
    await f.login('leader');
    await page.getByTestId('menu-proactive-topics').click();
    await page.getByTestId(`topic-${task.id}`).waitFor();
    expect(await page.getByTestId(`effect-row-${task.id}`).textContent()).toBe('8');
    expect(await page.getByTestId('effect-export').getAttribute('href')).toBe('/api/proactive-tasks/effect?format=xlsx');
    // The hotspot now says where it went.
    await page.goto(`${f.url}/hotspots/${hotspotId}`);
    await page.locator('[data-testid="hotspot-status"][data-status="tasked"]').waitFor();
  });

  it('lets the administrator override a detection setting and go back to the default, offers a reload on a stale save, and shows a supervisor the settings read-only', async () => {
    const { page } = f;
    await f.login('admin');
    await page.getByTestId('menu-proactive-settings').click();
    const minCount = page.getByTestId('proactive-setting-minCount');
    const useDefault = page.getByTestId('proactive-setting-minCount-default');
    await page.getByTestId('proactive-settings-save').waitFor();
    expect(await minCount.isDisabled()).toBe(true);
    await useDefault.uncheck();
    await minCount.fill('12');
    await page.getByTestId('proactive-settings-save').click();
    await page.getByText('已保存').waitFor();
    await page.reload();
    await page.getByTestId('proactive-settings-save').waitFor();
    await expect.poll(() => minCount.inputValue()).toBe('12');
    expect(await useDefault.isChecked()).toBe(false);

    // Someone else saves meanwhile: this page's save is refused as stale and offers to reload.
    const current = await (await page.request.get(`${f.url}/api/proactive/settings`)).json();
    expect((await page.request.put(`${f.url}/api/proactive/settings`, { data: { version: current.version, values: { minCount: 15 } } })).status()).toBe(200);
    await useDefault.check();
    await page.getByTestId('proactive-settings-save').click();
    await page.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => minCount.inputValue()).toBe('15');
    await useDefault.check();
    await page.getByTestId('proactive-settings-save').click();
    await page.getByText('已保存').waitFor();
    expect((await (await page.request.get(`${f.url}/api/proactive/settings`)).json()).overridden).toEqual([]);
    await f.logout();

    await f.login('supervisor');
    await page.goto(`${f.url}/proactive/settings`);
    await page.getByTestId('proactive-settings-read-only').waitFor();
    expect(await page.getByTestId('proactive-settings-save').count()).toBe(0);
    expect(await page.getByTestId('proactive-setting-minCount-default').isDisabled()).toBe(true);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actInDialog, startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';
import { loadDemoEnterprises } from '../../src/enterprises/demo.js';
import { loadDemoServiceItems } from '../../src/approvals/demo.js';

const ITEM = '建筑工程施工许可证核发';
const MISSING = '建设工程规划许可证';

/** Applications (办件) in the web app: the window, two departments in parallel, the implementing department's leader and the enterprise, each in their own session. */
describe('applications in Chromium', () => {
  let f: BrowserFixture;
  let planning: number;
  let water: number;
  let zhongmuEnterprise: { uscc: string; name: string };
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoServiceItems(f.database.db, operatorActor(), f.demo.offices);
    await loadDemoEnterprises(f.database.db, operatorActor());
    planning = f.demo.offices['county-410122-planning'];
    water = f.demo.offices['county-410122-water'];
    [zhongmuEnterprise] = await queryRows<{ uscc: string; name: string }>(f.database.db, sql`select uscc, name from enterprises where region_code = '410122' order by uscc limit 1`);
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  const status = (page: Page) => page.getByTestId('application-status').getAttribute('data-status');
  const as = async (user: string) => {
    await f.logout();
    await f.login(user);
  };

  it('goes from the window through two departments in parallel to the certificate the enterprise sees issued; another department never sees it', async () => {
    const { page } = f;
    await f.login('window-agent');
    await page.getByRole('menuitem', { name: '一窗受理' }).click();
    await page.getByTestId('item-search').fill(ITEM);
    await page.getByTestId('item-search').press('Enter');
    await page.locator('[data-testid="item-option"]', { hasText: ITEM }).getByTestId('item-pick').click();
    await page.getByTestId('item-picked-name').filter({ hasText: ITEM }).waitFor();

    // The code is checked as it is typed; one of the county's enterprises fills its name in from the registry.
    const uscc = page.getByTestId('applicant-uscc');
    await uscc.fill(`${DEMO_ENTERPRISE_USCC.slice(0, 17)}0`);
    await page.getByTestId('uscc-help').filter({ hasText: '校验码不正确' }).waitFor();
    await uscc.fill(zhongmuEnterprise.uscc);
    await expect.poll(() => page.getByTestId('applicant-name').inputValue()).toBe(zhongmuEnterprise.name);
    // The demo enterprise sits in another city's registry: the window types its name.
    await uscc.fill(DEMO_ENTERPRISE_USCC);
    await page.getByTestId('uscc-help').filter({ hasText: '企业库中未查到' }).waitFor();
    await page.getByTestId('applicant-name').fill('驻马店示范企业');

    // Every required material but one is ticked; the checklist says what is missing and which may come later.
    const materials = await queryRows<{ id: number; name: string; required: boolean }>(f.database.db, sql`select m.id, m.name, m.required from service_item_materials m
      join service_item_versions v on v.id = m.version_id join service_items s on s.id = v.item_id and s.revision = v.revision where v.name = ${ITEM} order by m.position`);
    for (const m of materials.filter((x) => x.required && x.name !== MISSING)) await page.getByTestId(`material-${m.id}`).click();
    await page.getByTestId('intake-missing').filter({ hasText: '缺少 1 项必要材料' }).waitFor();
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('application-page').waitFor();
    expect(await status(page)).toBe('received');
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(await page.getByTestId('application-owner').textContent()).toBe('陈窗口');

    // 一次告知: told, then the notice printed — on paper only the sheet, naming the missing material.
    await actInDialog(page, 'notify-missing');
    await expect.poll(() => status(page)).toBe('incomplete');
    await page.getByTestId('print-notice').click();
    const sheet = page.getByTestId('notice-sheet');
    await sheet.waitFor();
    expect(await page.getByTestId('notice-missing-row').allTextContents()).toEqual([`1${MISSING}必要`]);
    expect(await page.getByTestId('notice-applicant').textContent()).toBe('驻马店示范企业');
    expect(await page.getByTestId('notice-window').textContent()).toBe('中牟县人民政府');
    expect(await page.getByTestId('notice-rule').textContent()).toContain('第三十二条');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('notice-print').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByTestId('notice-back').click();

    // Supplemented, it is complete and accepted; the clock starts.
    await actInDialog(page, 'supplement');
    await expect.poll(() => status(page)).toBe('received');
    await actInDialog(page, 'accept');
    await expect.poll(() => status(page)).toBe('accepted');
    await page.getByTestId('clock-committed').waitFor();

    // Someone else changes it meanwhile: the stale page says so and reloads.
    const version = Number((await (await page.request.get(`${f.url}/api/applications/${id}`)).json()).version);
    expect((await page.request.post(`${f.url}/api/applications/${id}/pause`, { data: { version, reason: 'inspection', note: '现场勘验' } })).status()).toBe(200);
    await page.getByTestId('action-start-stage').click();
    await page.getByTestId(`action-department-${planning}`).click();
    await page.getByTestId(`action-department-${water}`).click();
    await page.getByTestId('action-submit').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '该办件已被他人修改' }).waitFor();
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByTestId('clock-paused').waitFor();
    await actInDialog(page, 'resume');
    await actInDialog(page, 'start-stage', async () => {
      await page.getByTestId(`action-department-${planning}`).click();
      await page.getByTestId(`action-department-${water}`).click();
    });
    await expect.poll(() => status(page)).toBe('in_review');
    await page.getByTestId(`branch-1-${planning}`).waitFor();
    await page.getByTestId(`branch-1-${water}`).waitFor();

    // Another department was sent nothing: its worklist has no row, the application page does not exist for it.
    await as('reviewer-market');
    await page.getByRole('menuitem', { name: '审查工作台' }).click();
    await page.getByTestId('worklist-table').waitFor();
    expect(await page.getByTestId(`application-row-${id}`).count()).toBe(0);
    await page.goto(`${f.url}/approvals/applications/${id}`);
    await page.getByTestId('application-not-found').waitFor();

    // Each department signs for and approves its own branch from its worklist.
    for (const [user, department] of [['reviewer-planning', planning], ['reviewer-water', water]] as const) {
      await as(user);
      await page.getByRole('menuitem', { name: '审查工作台' }).click();
      await page.getByTestId(`open-application-${id}`).click();
      await actInDialog(page, 'sign');
      await expect.poll(() => page.getByTestId(`branch-1-${department}`).locator('[data-status]').getAttribute('data-status')).toBe('reviewing');
      await actInDialog(page, 'approve');
      await expect.poll(() => page.getByTestId(`branch-1-${department}`).locator('[data-status]').getAttribute('data-status')).toBe('approved');
      // The timeline names the reviewer and the department, never a number.
      expect(await page.getByTestId('timeline').textContent()).toMatch(user === 'reviewer-planning' ? /孙规划中牟县自然资源和规划局/ : /郑水利中牟县水利局/);
    }

    // The county's leader sees it in the overview and decides to grant for the implementing department.
    await as('zhongmu-leader');
    await page.getByRole('menuitem', { name: '办件总览' }).click();
    await page.getByTestId(`open-application-${id}`).click();
    await actInDialog(page, 'conclude');
    await expect.poll(() => status(page)).toBe('approved');

    await as('window-agent');
    await page.goto(`${f.url}/approvals/applications/${id}`);
    await actInDialog(page, 'issue', () => page.getByTestId('action-result-number').fill('中牟建施〔2026〕001号'));
    await expect.poll(() => status(page)).toBe('issued');

    // The enterprise sees it issued on its portal, on a phone.
    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/applications`);
    expect(await page.getByTestId(`my-application-${id}-status`).getAttribute('data-status')).toBe('issued');
    expect(await page.getByTestId(`my-application-${id}-line`).textContent()).toBe('已发证');
    await page.getByRole('link', { name: ITEM }).first().click();
    await page.getByTestId('my-application-page').waitFor();
    expect(await page.getByTestId('my-status-line').textContent()).toBe('已发证，文号 中牟建施〔2026〕001号');
    expect(await page.getByTestId('stages').textContent()).toContain('中牟县水利局');
    // Its timeline is what the applicant may read: each step by the office that took it, the pause's
    // statutory reason (Art. 45), never the staff's names or log-ins.
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    const text = (await timeline.textContent())!;
    for (const office of ['中牟县人民政府', '中牟县自然资源和规划局', '中牟县水利局']) expect(text).toContain(office);
    expect(text).toContain('计时暂停');
    expect(text).toContain('现场勘验');
    for (const internal of ['陈窗口', '孙规划', '郑水利', '何县长', 'window-agent', 'reviewer-']) expect(text).not.toContain(internal);
    expect(await page.locator('[data-testid="timeline"] [data-action="deadline"]').count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });

  it('lets the enterprise apply online on a phone, hear from the window what is missing, and supplement it from its portal', async () => {
    const { page } = f;
    await f.login('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/applications`);
    await page.getByTestId('apply-online').click();
    await page.getByTestId('item-search').fill('食品生产许可');
    await page.getByTestId('item-search').press('Enter');
    await page.locator('[data-testid="item-option"]', { hasText: '食品生产许可' }).getByTestId('item-pick').click();
    const materials = await queryRows<{ id: number; name: string }>(f.database.db, sql`select m.id, m.name from service_item_materials m
      join service_item_versions v on v.id = m.version_id join service_items s on s.id = v.item_id and s.revision = v.revision where v.name = '食品生产许可' and m.required order by m.position`);
    const [first, ...rest] = materials;
    for (const m of rest) await page.getByTestId(`material-${m.id}`).click();
    await page.getByTestId('intake-missing').filter({ hasText: first.name }).waitFor();
    await page.getByTestId('apply-submit').click();
    await page.getByTestId('my-application-page').waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(await page.getByTestId('my-status-line').textContent()).toBe('已收件，等待窗口审查材料');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // The county's window takes the online application up: nobody owns it until someone acts on it.
    // On a phone the menu folds away; the log-in helper waits for it, so each log-in starts wide.
    await page.setViewportSize({ width: 1280, height: 900 });
    await as('window-agent');
    await page.goto(`${f.url}/approvals/applications/${id}`);
    expect(await page.getByTestId('application-owner').textContent()).toBe('待窗口认领');
    await actInDialog(page, 'notify-missing');
    await expect.poll(() => page.getByTestId('application-owner').textContent()).toBe('陈窗口');

    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/applications`);
    expect(await page.getByTestId(`my-application-${id}-line`).textContent()).toBe(`材料不齐，请补正：${first.name}`);
    await page.getByTestId(`my-application-${id}`).getByRole('link').click();
    await actInDialog(page, 'supplement');
    await expect.poll(() => page.getByTestId('my-status-line').textContent()).toBe('已收件，等待窗口审查材料');
    expect(await page.getByTestId(`material-row-${first.id}`).getAttribute('data-state')).toBe('received');
  });
});

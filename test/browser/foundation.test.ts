import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';

describe('the web app in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  it('refuses a wrong password on the log-in page, then logs in and shows the menu for the roles', async () => {
    const { page } = f;
    await page.goto(`${f.url}/`);
    await page.getByTestId('login-username').waitFor();
    expect(page.url()).toContain('/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-pass-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码不正确' }).waitFor();
    await f.login('admin');
    await page.getByTestId('home-welcome').waitFor();
    const menu = await page.getByTestId('side-menu').textContent();
    expect(menu).toContain('单位');
    expect(menu).toContain('人员管理');
    expect(await page.getByTestId('demo-banner').textContent()).toContain('演示数据库');
  });

  it('shows a handler the no-permission page for the administrators\' pages, and no admin menu', async () => {
    const { page } = f;
    await f.login('handler');
    expect(await page.getByTestId('side-menu').textContent()).not.toContain('人员管理');
    await page.goto(`${f.url}/admin/users`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('user-table').count()).toBe(0);
  });

  it('lets the administrator create an office in the tree', async () => {
    const { page } = f;
    await f.login('admin');
    await page.goto(`${f.url}/admin/offices`);
    await page.getByTestId('office-tree').waitFor();
    await page.getByTestId('office-new').click();
    await page.getByTestId('office-new-dialog').waitFor();
    const dialog = page.getByTestId('office-new-dialog');
    await dialog.getByTestId('office-name').fill('驿城区营商环境服务中心');
    await dialog.getByTestId('office-kind').click();
    await page.getByTestId('office-kind-option-business_environment_office').click();
    await dialog.getByTestId('office-region').click();
    await page.keyboard.type('驿城');
    await page.getByTestId('region-option-411702').click();
    await dialog.getByTestId('office-parent').click();
    await page.getByTestId(`office-option-${f.demo.offices['county-411702']}`).click();
    await page.getByTestId('office-submit').click();
    await page.getByTestId('office-tree').filter({ hasText: '驿城区营商环境服务中心' }).waitFor();
    const [row] = await queryRows<{ parent_id: number; region_code: string; kind: string }>(f.database.db, sql`select parent_id, region_code, kind from offices where name = '驿城区营商环境服务中心'`);
    expect(row).toEqual({ parent_id: f.demo.offices['county-411702'], region_code: '411702', kind: 'business_environment_office' });
  });

  it('lets the administrator create a person who can then log in', async () => {
    const { page } = f;
    await f.login('admin');
    await page.goto(`${f.url}/admin/users`);
    await page.getByTestId('user-table').waitFor();
    await page.getByTestId('user-new').click();
    const dialog = page.getByTestId('user-new-dialog');
    await dialog.getByTestId('user-username').fill('li.handler');
    await dialog.getByTestId('user-name').fill('李承办');
    await dialog.getByTestId('user-password').fill('Ledger-sheet-62');
    await dialog.getByTestId('user-office').click();
    await page.getByTestId(`office-option-${f.demo.offices['zmd-dept-1']}`).click();
    await dialog.getByTestId('user-roles-handler').check();
    await page.getByTestId('user-submit').click();
    await page.getByTestId('user-table').filter({ hasText: 'li.handler' }).waitFor();
    await f.logout();
    await f.login('li.handler', 'Ledger-sheet-62');
    expect(await page.getByTestId('header-user').textContent()).toContain('李承办');
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
  });
});

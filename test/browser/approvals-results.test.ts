import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actInDialog, startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';
import { createUser } from '../../src/people/commands/createUser.js';
import { loadDemoServiceItems } from '../../src/approvals/demo.js';
import { loadDemoApplications } from '../../src/approvals/applications/demo.js';

const PASSWORD = 'Qq-agency-2026';
const PERMIT = '建筑工程施工许可证核发';

/**
 * The results' dialogs in Chromium, each opened by the role that may use it and absent (and 403)
 * for one that may not: the green channel by the county's leader, the enterprise's bad review that
 * becomes an appeal case, revoking a certificate that the public check then calls revoked; and
 * help-and-agency: a leader records an authorisation, the agent acts for the enterprise and the
 * timeline says so, the authorisation revoked.
 */
describe('application results and help-and-agency in Chromium', () => {
  let f: BrowserFixture;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoServiceItems(f.database.db, operatorActor(), f.demo.offices);
    await loadDemoApplications(f.database.db, f.demo.offices);
    const other = f.demo.offices['county-410108'];
    await createUser(f.database.db, operatorActor(), { username: 'helper', password: PASSWORD, name: '李帮办', roles: ['window_agent'], officeId: other });
    await createUser(f.database.db, operatorActor(), { username: 'helper-leader', password: PASSWORD, name: '马主任', roles: ['leader'], officeId: other });
    const rows = await queryRows<{ id: number; result: string }>(f.database.db, sql`select id, result_number as result from applications`);
    for (const r of rows) ids[r.result] = Number(r.id);
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  const as = async (user: string, password?: string) => {
    await f.logout();
    await f.login(user, password);
  };
  const post = async (page: Page, url: string, data: Record<string, unknown>) => {
    const res = await page.request.post(`${f.url}${url}`, { data });
    return { status: res.status(), body: await res.json() as Record<string, unknown> };
  };
  /** A fresh application of the demo enterprise for the building permit, taken in by the window with one material missing. */
  async function takeIn(page: Page, missing: boolean) {
    const materials = await queryRows<{ id: number }>(f.database.db, sql`select m.id from service_item_materials m join service_item_versions v on v.id = m.version_id
      join service_items s on s.id = v.item_id and s.revision = v.revision where v.name = ${PERMIT} and m.required order by m.position`);
    const res = await post(page, '/api/applications', {
      serviceItemId: (await queryRows<{ id: number }>(f.database.db, sql`select item_id as id from service_item_versions where name = ${PERMIT} limit 1`))[0].id,
      applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13800000009' }, materialIds: materials.slice(missing ? 1 : 0).map((m) => Number(m.id)),
    });
    expect(res.status).toBe(201);
    return res.body as { id: number; version: number };
  }

  it('lets the county\'s leader put an application in the green channel with a reason, counted and filtered in the overview; the window has no such button', async () => {
    const { page } = f;
    await f.login('window-agent');
    const a = await takeIn(page, false);
    await page.goto(`${f.url}/approvals/applications/${a.id}`);
    await page.getByTestId('actions').waitFor();
    expect(await page.getByTestId('action-green-channel').count()).toBe(0);
    expect((await post(page, `/api/applications/${a.id}/green-channel`, { version: a.version, reason: '试试' })).status).toBe(403);

    await as('zhongmu-leader');
    await page.getByRole('menuitem', { name: '办件总览' }).click();
    await expect.poll(() => page.getByTestId('due-green').textContent(), { timeout: 15_000 }).toBe('绿色通道 1');
    await page.getByTestId(`open-application-${a.id}`).click();
    await actInDialog(page, 'green-channel', () => page.getByTestId('action-reason').fill('省重点项目，当日办结'));
    await page.getByTestId('application-green').waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('省重点项目，当日办结');
    // The count opens the filtered list, and the address keeps the filter.
    await page.goto(`${f.url}/approvals/applications`);
    await expect.poll(() => page.getByTestId('due-green').textContent(), { timeout: 15_000 }).toBe('绿色通道 2');
    await page.getByTestId('due-green').click();
    await expect.poll(() => new URL(page.url()).search).toBe('?show=green');
    await page.getByTestId(`green-${a.id}`).waitFor();
    await expect.poll(() => page.locator('[data-testid="applications-table"] tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(2);
    await page.reload();
    await page.getByTestId(`green-${a.id}`).waitFor();
  });

  it('takes the enterprise\'s very dissatisfied review from its portal and links the appeal case it became; a department\'s reviewer may not review', async () => {
    const { page } = f;
    const id = ids.JY24101220260002;
    await f.login('reviewer-market');
    await page.goto(`${f.url}/approvals/applications/${id}`);
    await page.getByTestId('application-outcome').waitFor();
    expect(await page.getByTestId('action-review').count()).toBe(0);
    expect((await post(page, `/api/applications/${id}/review`, { grade: 'satisfied' })).status).toBe(403);

    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/applications/${id}`);
    await actInDialog(page, 'review', async () => {
      await page.getByTestId('action-grade-very_dissatisfied').click();
      await page.getByTestId('action-comment').fill('邮寄的证照破损，补寄等了两周');
    });
    await expect.poll(() => page.getByTestId('review-grade').getAttribute('data-grade')).toBe('very_dissatisfied');
    expect(await page.getByTestId('review-comment').textContent()).toBe('邮寄的证照破损，补寄等了两周');
    // Reviewed once: the button stays, disabled with the reason.
    expect(await page.getByTestId('action-review').isDisabled()).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const appeal = page.getByTestId('review-appeal');
    const code = await appeal.textContent();
    expect(code).toMatch(/\S+/);
    await appeal.click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/cases\/[0-9]+$/);
    await expect.poll(() => page.locator('body').textContent()).toContain(code!);
  });

  it('lets a leader of the issuing department revoke a certificate with the reason, and the public check then says revoked; the window may not', async () => {
    const { page } = f;
    const id = ids['410122202612010101'];
    await f.login('window-agent');
    await page.goto(`${f.url}/approvals/applications/${id}`);
    await page.getByTestId('certificate-valid').waitFor();
    expect(await page.getByTestId('action-revoke-certificate').count()).toBe(0);
    const version = Number((await (await page.request.get(`${f.url}/api/applications/${id}`)).json()).version);
    expect((await post(page, `/api/applications/${id}/revoke-certificate`, { version, reason: '试试' })).status).toBe(403);

    await as('zhongmu-leader');
    await page.goto(`${f.url}/approvals/applications/${id}`);
    await actInDialog(page, 'revoke-certificate', () => page.getByTestId('action-reason').fill('以欺骗手段取得许可，依法撤销'));
    await expect.poll(() => page.getByTestId('certificate-revoked').textContent()).toContain('以欺骗手段取得许可，依法撤销');
    const verify = new URL(await page.getByTestId('certificate-verify').getAttribute('href') ?? '');
    await f.logout();
    await page.goto(`${f.url}${verify.pathname}`);
    await expect.poll(() => page.getByTestId('check-status').textContent()).toBe('证照已撤销');
    expect(await page.locator('body').textContent()).toContain('以欺骗手段取得许可，依法撤销');
  });

  it('records an authorisation from the enterprise\'s letter, lets the agent act for it with the timeline saying so, and revokes it', async () => {
    const { page } = f;
    await f.login('window-agent');
    const a = await takeIn(page, true);
    expect((await post(page, `/api/applications/${a.id}/notify-missing`, { version: a.version })).status).toBe(200);

    // A leader of another county may record one only for agents of its own office; the window agent records none.
    await as('helper', PASSWORD);
    await page.goto(`${f.url}/approvals/agency`);
    await page.getByTestId('agency-table').waitFor();
    expect(await page.getByTestId('agency-grant').count()).toBe(0);
    expect(await page.locator('[data-testid="agency-table"] tbody tr.ant-table-row').count()).toBe(0);
    expect((await page.request.get(`${f.url}/api/applications/${a.id}`)).status()).toBe(404);

    await as('helper-leader', PASSWORD);
    await page.getByRole('menuitem', { name: '帮办代办' }).click();
    await page.getByTestId('agency-grant').click();
    await page.getByTestId('agency-agent').click();
    await page.locator('.ant-select-item-option', { hasText: '李帮办' }).click();
    await page.getByTestId('agency-uscc').fill(DEMO_ENTERPRISE_USCC);
    await page.getByTestId('agency-name').fill('驻马店示范企业');
    await page.getByTestId('agency-item').click();
    await page.getByTestId('agency-item').locator('input').fill('施工许可');
    await page.locator('.ant-select-item-option', { hasText: PERMIT }).click();
    await page.getByTestId('agency-valid-until').click();
    await page.getByTestId('agency-valid-until').fill(`${new Date().getFullYear() + 1}-12-31`);
    await page.getByTestId('agency-valid-until').press('Enter');
    await page.getByTestId('agency-document').fill('授权委托书〔2026〕18号');
    await page.getByTestId('agency-submit').click();
    const [grant] = await queryRows<{ id: number }>(f.database.db, sql`select id from agency_authorisations order by id desc limit 1`);
    await expect.poll(() => page.getByTestId(`agency-standing-${grant.id}`).getAttribute('data-standing')).toBe('valid');
    expect(await page.getByTestId(`agency-row-${grant.id}`).textContent()).toContain(PERMIT);

    await as('helper', PASSWORD);
    await page.getByRole('menuitem', { name: '帮办代办' }).click();
    await page.getByTestId(`agency-row-${grant.id}`).waitFor();
    expect(await page.getByTestId(`agency-row-${grant.id}`).textContent()).toContain('驻马店示范企业');
    await page.goto(`${f.url}/approvals/applications/${a.id}`);
    // Before acting the agent sees that it holds the enterprise's authorisation, and for what.
    expect(await page.getByTestId('agency-notice').getAttribute('data-standing')).toBe('valid');
    expect(await page.getByTestId('agency-notice').textContent()).toContain(`${PERMIT}，有效期至 ${new Date().getFullYear() + 1}-12-31，授权委托书〔2026〕18号`);
    await actInDialog(page, 'supplement');
    await expect.poll(() => page.getByTestId('application-status').getAttribute('data-status')).toBe('received');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('代办：李帮办 代 驻马店示范企业 办理');
    // Acting for the enterprise, the agent reads what the enterprise reads: not the window's own steps.
    expect(await page.getByTestId('action-accept').count()).toBe(0);

    await as('helper-leader', PASSWORD);
    await page.goto(`${f.url}/approvals/agency`);
    await page.getByTestId(`agency-revoke-${grant.id}`).click();
    await page.getByTestId('agency-revoke-reason').fill('企业另行委托');
    await page.getByTestId('agency-revoke-submit').click();
    await expect.poll(() => page.getByTestId(`agency-standing-${grant.id}`).getAttribute('data-standing')).toBe('revoked');
    await as('helper', PASSWORD);
    expect((await page.request.get(`${f.url}/api/applications/${a.id}`)).status()).toBe(403);
  });

  it('lets the enterprise authorise an agent online on a phone and revoke it; the window sees on the application whether its own authorisation covers it', async () => {
    const { page } = f;
    await f.login('window-agent');
    const a = await takeIn(page, true);
    expect((await post(page, `/api/applications/${a.id}/notify-missing`, { version: a.version })).status).toBe(200);

    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/approvals/agency`);
    await page.getByTestId('agency-grant').click();
    // Its own code and name are filled in, and not its to change.
    expect(await page.getByTestId('agency-uscc').inputValue()).toBe(DEMO_ENTERPRISE_USCC);
    expect(await page.getByTestId('agency-uscc').isDisabled()).toBe(true);
    expect(await page.getByTestId('agency-name').inputValue()).toBe('驻马店示范企业');
    // Any window's agent may be chosen: another county's too.
    await page.getByTestId('agency-agent').click();
    await page.locator('.ant-select-item-option', { hasText: '李帮办' }).click();
    await page.getByTestId('agency-valid-until').click();
    await page.getByTestId('agency-valid-until').fill(`${new Date().getFullYear() + 1}-06-30`);
    await page.getByTestId('agency-valid-until').press('Enter');
    await page.getByTestId('agency-document').fill('授权委托书 网上-0031');
    await page.getByTestId('agency-submit').click();
    const [grant] = await queryRows<{ id: number; by: string }>(f.database.db, sql`select id, granted_by_name as by from agency_authorisations order by id desc limit 1`);
    await expect.poll(() => page.getByTestId(`agency-standing-${grant.id}`).getAttribute('data-standing')).toBe('valid');
    expect(grant.by).toBe('enterprise');
    expect(await page.getByTestId(`agency-row-${grant.id}`).textContent()).toContain('全部事项');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // It authorises the county's window for another item only (through the API as the page does).
    const foodItem = (await queryRows<{ id: number }>(f.database.db, sql`select item_id as id from service_item_versions where name = '食品生产许可' limit 1`))[0].id;
    const windowAgent = (await queryRows<{ id: number }>(f.database.db, sql`select id from users where username = 'window-agent'`))[0].id;
    expect((await post(page, '/api/agency-authorisations', {
      agentUserId: windowAgent, enterprise: { uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范企业' }, serviceItemId: foodItem, validUntil: `${new Date().getFullYear() + 1}-06-30`, documentRef: '授权委托书 网上-0032',
    })).status).toBe(201);

    await page.setViewportSize({ width: 1400, height: 900 });
    await as('helper', PASSWORD);
    await page.goto(`${f.url}/approvals/applications/${a.id}`);
    expect(await page.getByTestId('agency-notice').getAttribute('data-standing')).toBe('valid');
    expect(await page.getByTestId('agency-notice').textContent()).toContain('全部事项');
    await page.getByTestId('action-supplement').waitFor();

    await as('window-agent');
    await page.goto(`${f.url}/approvals/applications/${a.id}`);
    expect(await page.getByTestId('agency-notice').getAttribute('data-standing')).toBe('other_item');
    expect(await page.getByTestId('agency-notice').textContent()).toContain('不包含本事项');

    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/approvals/agency`);
    await page.getByTestId(`agency-revoke-${grant.id}`).click();
    await page.getByTestId('agency-revoke-reason').fill('已自行办理');
    await page.getByTestId('agency-revoke-submit').click();
    await expect.poll(() => page.getByTestId(`agency-standing-${grant.id}`).getAttribute('data-standing')).toBe('revoked');
    await page.setViewportSize({ width: 1400, height: 900 });
    await as('helper', PASSWORD);
    expect((await page.request.get(`${f.url}/api/applications/${a.id}`)).status()).toBe(403);
  });
});

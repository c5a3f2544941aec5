import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { createUser } from '../../src/people/commands/createUser.js';
import { createEnterprise } from '../../src/enterprises/commands/createEnterprise.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';

const PASSWORD = 'Visits-pass-2026';

describe('official visits (入企) in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
    await createEnterprise(f.database.db, operatorActor(), {
      uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范企业食品有限公司', kind: 'limited_liability', regionCode: '411702', industryDivision: '14', size: 'medium',
    });
    await createUser(f.database.db, operatorActor(), { username: 'dept-head', password: PASSWORD, name: '陈局长', roles: ['leader'], officeId: f.demo.offices['zmd-dept-0'] });
  }, 300_000);
  afterAll(async () => {
    await f?.close();
  });
  beforeEach(() => f.fresh());

  it('files a visit, approves it (escalated: the department has no plan), scans its code on the enterprise portal and rates it', async () => {
    const { page } = f;
    await f.login('handler');
    await page.goto(`${f.url}/visits/new`);
    await page.getByTestId('visit-uscc').fill(DEMO_ENTERPRISE_USCC);
    // The form tells the service week, the escalation and the places left before anything is filed.
    const assessment = page.getByTestId('visit-assessment');
    await assessment.getByText('本月企业服务周').waitFor();
    expect(await assessment.textContent()).toContain('超出年初备案计划');
    expect(await page.getByTestId('visit-remaining').textContent()).toContain('还可入企 2 次');
    await page.getByTestId('visit-purpose').fill('了解企业用工困难');
    await page.getByTestId('visit-members').fill('张承办，李科长');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-status').filter({ hasText: '已报备待审批' }).waitFor();
    const id = Number(page.url().split('/').pop());

    await f.logout();
    await f.login('dept-head', PASSWORD);
    await page.goto(`${f.url}/visits`);
    await page.getByTestId('visits-view').getByText('待我审批').click();
    await page.getByTestId(`visit-link-${id}`).click();
    await page.getByTestId('visit-action-approve').click();
    await page.getByTestId('visit-status').filter({ hasText: '待提级审批' }).waitFor();

    await f.logout();
    await f.login('leader');
    await page.goto(`${f.url}/visits/${id}`);
    await page.getByTestId('visit-action-approve-escalated').click();
    await page.getByTestId('visit-status').filter({ hasText: '已审批赋码' }).waitFor();
    await page.getByTestId('visit-qr').waitFor();
    const codeUrl = await page.getByTestId('visit-code-link').getAttribute('href');
    expect(codeUrl).toMatch(/\/public\/visit-codes\/[\w-]+\.[\w-]+\.[\w-]+$/);

    await f.logout();
    await f.login('enterprise');
    await page.goto(`${f.url}/visits`);
    await page.getByTestId('visit-code-paste').fill(codeUrl!);
    await page.keyboard.press('Enter');
    await page.getByTestId('visit-code-valid').waitFor();
    expect(await page.getByTestId('visit-code-details').textContent()).toContain('张承办、李科长');
    await page.getByTestId('visit-code-scan').click();
    await page.getByTestId('visit-code-scanned').waitFor();
    await page.goto(`${f.url}/visits/${id}`);
    await page.getByTestId('visit-status').filter({ hasText: '已入企' }).waitFor();
    await page.getByTestId('rate-conduct').locator('li').nth(3).click();
    await page.getByTestId('rate-comment').fill('服务热情，解决了用工对接');
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('visit-my-rating').waitFor();
    await page.getByTestId('visit-status').filter({ hasText: '已评价' }).waitFor();

    const [rating] = await queryRows<{ conduct: number; comment: string }>(f.database.db, sql`select conduct, comment from visit_ratings where visit_id = ${id}`);
    expect(rating).toEqual({ conduct: 4, comment: '服务热情，解决了用工对接' });
    const [scan] = await queryRows<{ actor_name: string }>(f.database.db, sql`select actor_name from visit_events where visit_id = ${id} and action = 'scan'`);
    expect(scan.actor_name).toBe('enterprise');
  });

  it('checks a code on the public page at a phone\'s width, refusing one that is not ours with a clear message', async () => {
    const { page } = f;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/public/visit-codes/not-a-code`);
    await page.getByTestId('visit-code-invalid').getByText('这不是本系统签发的码').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
});

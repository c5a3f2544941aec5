import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { loadDemoServiceItems } from '../../src/approvals/demo.js';
import { loadDemoApplications } from '../../src/approvals/applications/demo.js';

const POLL = { timeout: 15_000 };
const num = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

/** The other modules' figures on the evaluation dashboard: a section, its table, and a cell's drill-down into the module's own list. */
describe('the evaluation dashboard\'s figure sections in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoServiceItems(f.database.db, operatorActor(), f.demo.offices);
    await loadDemoApplications(f.database.db, f.demo.offices);
  }, 600_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  it('shows a leader the approvals section, its table by department, and a cell opens the applications it counted', async () => {
    const { page } = f;
    await f.login('zhongmu-leader');
    await page.getByTestId('menu-eval-dashboard').click();
    await page.getByTestId('eval-section-tab-approvals').waitFor();
    const card = page.getByTestId('eval-section-approvals-received');
    await card.waitFor();
    expect(await card.textContent()).toContain('收件');
    await expect.poll(async () => num(await card.locator('.ant-statistic-content').textContent()), POLL).toBeGreaterThan(0);
    const received = num(await card.locator('.ant-statistic-content').textContent());

    await page.getByTestId('eval-section-open-approvals').click();
    await page.getByTestId('section-table').waitFor();
    const housing = f.demo.offices['county-410122-housing'];
    const cell = page.getByTestId(`section-cell-${housing}-completedWithinCommitted`);
    await cell.waitFor();
    expect(num(await page.getByTestId('section-cell-total-received').textContent())).toBe(received);
    const counted = num(await cell.textContent());
    expect(counted).toBeGreaterThan(0);
    // The workbook is offered for the same table.
    expect(await page.getByTestId('section-xlsx').getAttribute('href')).toMatch(/\/api\/evaluation\/sections\/approvals\?.*groupBy=office.*format=xlsx/);

    await cell.click();
    await page.waitForURL(/\/approvals\/applications\?/);
    expect(page.url()).toContain('figure=completedWithinCommitted');
    await page.getByTestId('list-drill').waitFor();
    await expect.poll(async () => num(await page.locator('.ant-pagination-total-text').textContent()), POLL).toBe(counted);
    expect(await page.getByTestId('applications-table').locator('tbody tr.ant-table-row').count()).toBe(Math.min(counted, 20));

    // By month, the section still adds up to what was received.
    await page.goBack();
    await page.getByTestId('section-group-month').click();
    await page.waitForURL(/groupBy=month/);
    await expect.poll(async () => num(await page.getByTestId('section-cell-total-received').textContent()), POLL).toBe(received);
  });
});

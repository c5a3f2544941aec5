import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import type { Actor } from '../../src/platform/actor.js';
import { officePaths } from '../../src/offices/subtree.js';
import { createCase } from '../../src/cases/commands/createCase.js';

/** The case list as a dispatcher works it: filters, sort by column, export, bulk dispatch by the catalogue. */
describe('the case list in Chromium', () => {
  let f: BrowserFixture;
  const ids: number[] = [];
  beforeAll(async () => {
    f = await startBrowserFixture();
    const centre = f.demo.offices['zmd-centre'];
    const agent: Actor = { userId: null, name: 'agent', roles: ['agent'], officeId: centre, officePath: (await officePaths(f.database.db, [centre])).get(centre)! };
    for (const [i, title] of ['超市出售过期面包', '菜市场短斤少两', '饭店后厨卫生差'].entries()) {
      const c = await createCase(f.database.db, agent, {
        channel: 'hotline', type: 'complaint', title, content: `${title}，请市场监管部门处理。`, regionCode: '411702', categoryId: f.categories['market.food'],
        requester: { kind: 'person', name: `市民${i}`, phone: `1390000${String(8800 + i)}` },
      });
      ids.push(c.id);
    }
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  it('sorts by a column, exports the selected cases, and dispatches them in bulk to the catalogue\'s office with each case\'s outcome', async () => {
    const { page } = f;
    await f.login('dispatcher');
    await page.goto(`${f.url}/cases?status=accepted`);
    await page.getByTestId(`cases-select-${ids[0]}`).waitFor();
    // The code column's header sorts on the server, and the order stays in the address.
    await page.getByTestId('cases-table').locator('th.ant-table-column-has-sorters', { hasText: '编号' }).click();
    await page.waitForURL(/sort=code/);
    await page.getByTestId('cases-table').locator('th.ant-table-column-has-sorters', { hasText: '编号' }).click();
    await page.waitForURL(/sort=-code/);

    await page.getByTestId(`cases-select-${ids[0]}`).check();
    await page.getByTestId(`cases-select-${ids[1]}`).check();
    await page.getByTestId('cases-export').filter({ hasText: '2' }).waitFor();
    const href = (await page.getByTestId('cases-export').getAttribute('href'))!;
    expect(href).toContain(`ids=${ids[0]}%2C${ids[1]}`);
    const workbook = await page.request.get(`${f.url}${href}`);
    expect(workbook.status()).toBe(200);
    expect(workbook.headers()['content-type']).toContain('spreadsheetml');

    await page.getByTestId('cases-bulk-dispatch').click();
    await page.getByTestId(`cases-bulk-row-${ids[0]}`).waitFor();
    expect(await page.getByTestId(`cases-bulk-row-${ids[0]}`).textContent()).toContain('市场监督管理局');
    await page.getByTestId('cases-bulk-confirm').click();
    await page.getByTestId(`cases-bulk-row-${ids[1]}`).getByText('已派单').waitFor();
    expect(await page.getByTestId(`cases-bulk-row-${ids[0]}`).textContent()).toContain('已派单');
    await page.getByTestId('cases-bulk-close').click();
    const statuses = await queryRows<{ id: number; status: string }>(f.database.db, sql`select id, status from cases where id in (${ids[0]}, ${ids[1]}, ${ids[2]}) order by id`);
    expect(statuses.map((s) => s.status)).toEqual(['dispatched', 'dispatched', 'accepted']);
    // The list follows: only the third is still waiting for dispatch.
    await expect.poll(() => page.getByTestId(`cases-select-${ids[0]}`).count()).toBe(0);
    await page.getByTestId(`cases-select-${ids[2]}`).waitFor();
  });

  it('offers a handler no bulk dispatch, and filters by received dates through the address', async () => {
    const { page } = f;
    await f.login('handler');
    await page.goto(`${f.url}/cases?receivedFrom=2020-01-01&receivedTo=2020-01-31`);
    await page.getByTestId('cases-table').waitFor();
    expect(await page.getByTestId('cases-bulk-dispatch').count()).toBe(0);
    await page.getByTestId('cases-table').locator('.ant-empty').waitFor();
    expect(await page.locator('.ant-picker-range input').first().inputValue()).toBe('2020-01-01');
  });
});

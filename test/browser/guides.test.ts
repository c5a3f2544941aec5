import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { loadDemoServiceItems } from '../../src/approvals/demo.js';

/** The catalogue's pages: the public service guides (办事指南) on a phone, and the administrators' catalogue. */
describe('the service-item catalogue pages in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoServiceItems(f.database.db, operatorActor(), f.demo.offices);
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  it('finds a guide from the log-in page and reads it on a 390 px wide phone, nothing wider than the screen', async () => {
    const { page } = f;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/login`);
    await page.getByTestId('login-link-public-guides').click();
    await page.getByTestId('guide-item').first().waitFor();
    await page.getByTestId('guide-search').fill('食品经营');
    await page.getByTestId('guide-search').press('Enter');
    await page.locator('[data-testid="guide-item"]', { hasText: '食品经营许可' }).waitFor();
    expect(await page.getByTestId('guide-item').count()).toBe(1);
    await page.getByRole('link', { name: '食品经营许可' }).click();
    await expect.poll(() => page.getByTestId('guide-name').textContent()).toBe('食品经营许可');
    expect(await page.getByTestId('guide-committed').textContent()).toBe('5 个工作日');
    expect(await page.getByTestId('guide-where').textContent()).toBe('中牟县市场监督管理局');
    const materials = await page.getByTestId('guide-material').allTextContents();
    expect(materials).toHaveLength(4);
    expect(materials.join('')).toContain('可容缺后补');
    // Read in the page (a string, since the test code is type-checked without the DOM).
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });

  it('lets the system administrator change a published item: the change is a new version, the old one listed', async () => {
    const { page } = f;
    await f.login('admin');
    await page.goto(`${f.url}/approvals/items`);
    await page.getByRole('link', { name: '生产建设项目水土保持方案审批' }).click();
    const committed = page.getByLabel('承诺时限（工作日）');
    await expect.poll(() => committed.inputValue()).toBe('5.0');
    await committed.fill('4');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/service-items\/\d+$/.test(new URL(r.url()).pathname)),
      page.getByTestId('item-save').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).revision).toBe(2);
    await page.getByText('第 1 版').waitFor();
    await page.getByText('第 2 版').waitFor();
  });
});


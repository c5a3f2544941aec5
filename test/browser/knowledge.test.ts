import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';

/** The knowledge base managed in the web app (知识库管理) and read by the public (政策问答). */
describe('the knowledge base in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  it('lets a supervisor write, publish and archive an article that a handler reads without changing and the public finds at 390 px until it is archived', async () => {
    const { page } = f;
    await f.login('supervisor');
    await page.getByTestId('menu-knowledge').click();
    await page.getByTestId('knowledge-table').waitFor();
    await page.getByTestId('knowledge-new').click();
    // Saving without the required fields names them and writes nothing.
    await page.getByTestId('article-save').click();
    await page.getByText('请填写标题').waitFor();
    await page.getByTestId('article-title').fill('电动自行车充电桩报装怎么办理');
    await page.getByTestId('article-category').fill('城市管理/充电设施');
    await page.getByTestId('article-question').fill('小区想装电动自行车充电桩，找谁报装？');
    await page.getByTestId('article-answer').fill('由小区物业向街道办事处提出申请。\n街道会同消防救援部门现场查看后 5 个工作日内答复。');
    await page.getByTestId('article-keywords').locator('input').fill('充电桩');
    await page.keyboard.press('Enter');
    await page.getByTestId('article-office').click();
    await page.getByTestId(`office-option-${f.demo.offices['zmd-centre']}`).click();
    await page.getByTestId('article-save').click();
    await page.waitForURL(/\/knowledge\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('article-status').filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId('article-publish').click();
    await page.getByTestId('article-status').filter({ hasText: '已发布' }).waitFor();
    expect(await page.getByTestId('article-record').textContent()).toContain('supervisor');

    // A handler reads the published article in the list, with no way to change it.
    await f.logout();
    await f.login('handler');
    await page.getByTestId('menu-knowledge').click();
    await page.getByTestId('knowledge-search').fill('充电桩');
    await page.keyboard.press('Enter');
    await page.getByTestId(`knowledge-row-${id}`).click();
    await page.getByTestId('article-heading').filter({ hasText: '电动自行车充电桩' }).waitFor();
    expect(await page.getByTestId('article-save').count()).toBe(0);
    expect(await page.getByTestId('article-archive').count()).toBe(0);
    expect(await page.getByTestId('article-title').isDisabled()).toBe(true);

    // The public finds it from the portal on a phone.
    await f.logout();
    await page.setViewportSize({ width: 390, height: 844 });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${f.url}/public/appeal`);
    await page.getByTestId('public-nav-knowledge').click();
    await page.getByTestId('public-knowledge-search').fill('充电桩 报装');
    await page.keyboard.press('Enter');
    await page.getByTestId(`public-knowledge-item-${id}`).getByRole('link').click();
    await page.getByTestId('public-article-answer').filter({ hasText: '5 个工作日内答复' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // Archived, it leaves the public search.
    await page.setViewportSize({ width: 1400, height: 900 });
    await f.login('supervisor');
    await page.goto(`${f.url}/knowledge/${id}`);
    await page.getByTestId('article-archive').click();
    await page.getByTestId('article-status').filter({ hasText: '已归档' }).waitFor();
    const search = await (await page.request.get(`${f.url}/api/public/knowledge?q=${encodeURIComponent('充电桩')}`)).json();
    expect(search.items.map((a: { id: number }) => a.id)).not.toContain(id);
    expect((await page.request.get(`${f.url}/api/public/knowledge/${id}`)).status()).toBe(404);
    expect(errors).toEqual([]);
  });

  it('offers a reload when the article was changed meanwhile, and keeps the other change', async () => {
    const { page } = f;
    await f.login('admin');
    const article = await (await page.request.get(`${f.url}/api/knowledge/${f.knowledge['pension-payment']}`)).json();
    await page.goto(`${f.url}/knowledge/${article.id}`);
    await page.getByTestId('article-heading').filter({ hasText: article.title }).waitFor();
    expect((await page.request.patch(`${f.url}/api/knowledge/${article.id}`, { data: { version: article.version, title: `${article.title}（2026 版）` } })).status()).toBe(200);
    await page.getByTestId('article-answer').fill('这一改动晚于他人的修改。');
    await page.getByTestId('article-save').click();
    await page.getByRole('button', { name: '重新加载' }).click();
    await page.getByTestId('article-heading').filter({ hasText: '（2026 版）' }).waitFor();
    expect(await page.getByTestId('article-answer').inputValue()).toBe(article.answer);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { generateDemoHistory } from '../../src/demo/history.js';
import { RATE_NAMES, RATES, type PublishedList } from '../../src/evaluation/contract.js';

/** The month before the current one in the offices' time zone (a month that is over, so it may be published). */
function lastMonth(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Polls wait as long as locators do (the test build of the web app is React's development build). */
const POLL = { timeout: 15_000 };

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

/** Evaluation and disclosure (考评与公开) through the web pages: dashboard, drill-down, report, settings, ranking, publication, public page. */
describe('the evaluation pages in Chromium', () => {
  let f: BrowserFixture;
  const month = lastMonth();

  beforeAll(async () => {
    f = await startBrowserFixture();
    // Two months of cases walked through the loop by the demo staff (intake, dispatch, replies, visits, lateness…).
    await generateDemoHistory(f.database.db, { cases: 80, months: 2, seed: 7 });
  }, 600_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  /** How many cases the drill-down list says it has (NaN until it has answered). */
  const drillTotal = async () => {
    const v = await f.page.getByTestId('eval-drill-total').getAttribute('data-total');
    return v ? Number(v) : Number.NaN;
  };

  it('shows the leader the headline figures and charts, and a figure opens the cases behind it', async () => {
    const { page } = f;
    await f.login('leader');
    expect(await page.getByTestId('side-menu').textContent()).toContain('考评与公开');
    await page.getByTestId('menu-eval-dashboard').click();
    await page.getByTestId('eval-card-received').waitFor();
    for (const key of ['received', 'dispatched', 'completionRate', 'onTimeRate', 'visitRate', 'resolutionRate', 'satisfactionRate', 'responseRate', 'overdueNow']) {
      await page.getByTestId(`eval-card-${key}`).waitFor();
    }
    const headlines = (await page.getByTestId('eval-headlines').textContent())!;
    for (const word of ['受理量', '转办量', '办结率', '按期办结率', '回访率', '解决率', '满意率', '响应率', '当前超期']) expect(headlines).toContain(word);
    expect((await page.getByTestId('eval-value-completionRate').textContent())!.trim()).toMatch(/^(\d{1,3}\.\d{2}%|—)$/);
    const received = num(await page.getByTestId('eval-value-received').textContent());
    expect(received).toBeGreaterThan(0);

    // The charts draw on canvases; the region tree and the overdue table are ordinary tables.
    await page.locator('[data-testid="eval-chart-trend"] canvas').first().waitFor();
    await page.locator('[data-testid="eval-chart-channels"] canvas').first().waitFor();
    await page.locator('[data-testid="eval-chart-offices"] canvas').first().waitFor();
    await page.getByTestId('eval-regions').waitFor();
    await page.getByTestId('eval-overdue').waitFor();

    // 受理量 → the cases received in the period, as many as the card says, each linking to its page.
    await page.getByTestId('eval-card-received').click();
    await page.waitForURL(/\/evaluation\/cases\?.*figure=received/);
    await page.locator('[data-testid^="eval-drill-row-"]').first().waitFor();
    expect(await page.getByTestId('eval-drill-tag-figure').textContent()).toContain('受理量');
    await expect.poll(async () => drillTotal(), POLL).toBe(received);
    const link = page.locator('[data-testid^="eval-drill-row-"] a[data-testid^="case-link-"]').first();
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/cases\/\d+$/);
    await link.click();
    await page.getByTestId('case-code').waitFor();
    expect(new URL(page.url()).pathname).toBe(href);

    // Back on the dashboard, a rate card drills to the cases its numerator counts.
    await page.goto(`${f.url}/evaluation/dashboard`);
    const completed = (await page.getByTestId('eval-card-completionRate').textContent())!.match(/办结量\s*([\d,]+)/);
    expect(completed).not.toBeNull();
    await page.getByTestId('eval-card-completionRate').click();
    await page.waitForURL(/figure=completed/);
    await expect.poll(async () => drillTotal(), POLL).toBe(num(completed![1]));

    // 当前超期 → the open cases past their deadline now.
    await page.getByTestId('eval-drill-back').click();
    const overdueNow = num(await page.getByTestId('eval-value-overdueNow').textContent());
    await page.getByTestId('eval-card-overdueNow').click();
    await page.waitForURL(/dueState=overdue/);
    await expect.poll(async () => drillTotal(), POLL).toBe(overdueNow);

    // The same page in English: names from the contract's tables.
    await page.goto(`${f.url}/evaluation/dashboard`);
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => page.getByTestId('eval-headlines').textContent(), POLL).toContain('On-time completion rate');
    expect(await page.getByTestId('eval-headlines').textContent()).toContain('Overdue now');
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => page.getByTestId('eval-headlines').textContent(), POLL).toContain('按期办结率');
  });

  it('reports every figure by office with totals, drill-down links and Excel/CSV export', async () => {
    const { page } = f;
    await f.login('dispatcher');
    await page.goto(`${f.url}/evaluation/figures?by=office`);
    await page.getByTestId('eval-figures-total').waitFor();
    const total = num(await page.getByTestId('eval-figures-total-received').textContent());
    expect(total).toBeGreaterThan(0);
    const head = (await page.getByTestId('eval-figures').locator('thead').textContent())!;
    for (const word of ['受理量', '办结量', '按期办结', '超期', '满意率', '退单率']) expect(head).toContain(word);
    expect((await page.getByTestId('eval-figures-total-satisfactionRate').textContent())!.trim()).toMatch(/^(\d{1,3}\.\d{2}%|—)$/);

    // By channel: rows named in the page's language, the same total.
    await page.getByTestId('eval-figures-by-channel').click();
    await page.waitForURL(/by=channel/);
    await page.getByTestId('eval-figures-row-hotline').waitFor();
    expect(await page.getByTestId('eval-figures-name-hotline').textContent()).toBe('12345热线');
    expect(num(await page.getByTestId('eval-figures-total-received').textContent())).toBe(total);

    const xlsx = await page.request.get(`${f.url}${await page.getByTestId('eval-figures-export-xlsx').getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    const csv = await page.request.get(`${f.url}${await page.getByTestId('eval-figures-export-csv').getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('受理量');
  });

  it('lets the leader change the settings, then publish the month, and a supervisor correct it with a reason', async () => {
    const { page } = f;
    await f.login('leader');
    await page.getByTestId('menu-eval-settings').click();
    await page.getByTestId('eval-minimum-cases').waitFor();
    await expect.poll(async () => page.getByTestId('eval-minimum-cases').inputValue(), POLL).toBe('10');
    expect(num(await page.getByTestId('eval-weight-sum').textContent())).toBe(100);
    // Away from the defaults (satisfaction 35 of 100), so the public page's explanation must read what the list was scored with.
    await page.getByTestId('eval-weight-satisfactionRate').fill('40');
    await page.getByTestId('eval-minimum-cases').fill('1');
    await page.getByTestId('eval-list-size').fill('2');
    await page.getByTestId('eval-settings-save').click();
    await expect
      .poll(async () => (await queryRows<{ m: number; s: number; w: unknown }>(f.database.db, sql`select minimum_cases as m, list_size as s, weights->'satisfactionRate' as w from evaluation_settings`))[0], POLL)
      .toEqual({ m: 1, s: 2, w: 40 });

    await page.goto(`${f.url}/evaluation/ranking?month=${month}`);
    await page.locator('[data-testid^="eval-ranking-group-"]').first().waitFor();
    expect(await page.getByTestId('eval-ranking-settings').textContent()).toContain('红榜、黑榜各 2 名');
    expect(await page.locator('[data-testid^="eval-ranking-list-"][data-list="red"]').count()).toBeGreaterThan(0);
    await page.getByTestId('eval-versions').getByText('本月尚未发布').waitFor();
    await page.getByTestId('eval-publish').click();
    await page.getByTestId('eval-publish-confirm').click();
    await page.getByTestId('eval-version-1').waitFor();
    expect(await page.getByTestId('eval-version-1').textContent()).toContain('首次发布');

    await f.logout();
    await f.login('supervisor');
    await page.goto(`${f.url}/evaluation/ranking?month=${month}`);
    await page.getByTestId('eval-version-1').waitFor();
    expect((await page.getByTestId('eval-publish').textContent())!.replace(/\s/g, '')).toBe('更正发布');
    await page.getByTestId('eval-publish').click();
    await page.getByTestId('eval-correct-submit').click();
    await page.getByText('请填写更正理由').waitFor();
    await page.getByTestId('eval-correct-reason').fill('补录两件漏统计的诉求后重新计算');
    await page.getByTestId('eval-correct-submit').click();
    await page.getByTestId('eval-version-2').waitFor();
    expect(await page.getByTestId('eval-version-2').textContent()).toContain('补录两件漏统计的诉求后重新计算');
    const rows = await queryRows<{ version: number; reason: string | null }>(f.database.db, sql`select version, reason from evaluation_lists order by version`);
    expect(rows).toEqual([{ version: 1, reason: null }, { version: 2, reason: '补录两件漏统计的诉求后重新计算' }]);

    // Each version can be opened as it was published.
    await page.getByTestId('eval-version-view-1').click();
    await page.getByTestId('eval-list-version').waitFor();
    expect(await page.getByTestId('eval-list-version').textContent()).toContain('第 1 版');
  });

  it('shows the published lists and the month\'s figures to anyone, without log-in', async () => {
    const { page } = f;
    const [published] = await queryRows<{ id: number; received: number }>(f.database.db,
      sql`select id, (ranking->'total'->'counts'->>'received')::int as received from evaluation_lists order by version desc limit 1`);
    expect(published, 'the previous test publishes two versions').toBeDefined();

    await page.goto(`${f.url}/login`);
    await page.getByTestId('login-link-public-rankings').click();
    await page.waitForURL(/\/public\/rankings/);
    await page.getByTestId(`public-rankings-month-${month}`).waitFor();
    const months = (await page.getByTestId(`public-rankings-month-${month}`).textContent())!;
    expect(months).toContain('第 2 版');
    expect(months).toContain('第 1 版');
    expect(months).toContain('补录两件漏统计的诉求后重新计算');

    // The newest version is shown: its lists, ranking and the statistics of every office with the total.
    await page.getByTestId('public-rankings-detail').waitFor();
    expect(await page.getByTestId('public-rankings-current-version').textContent()).toContain('第 2 版');
    expect(await page.getByTestId('public-rankings-title').textContent()).toContain(month);
    expect(await page.getByTestId('public-rankings-detail-reason').textContent()).toContain('补录两件漏统计的诉求后重新计算');
    const stats = page.getByTestId('public-rankings-stats');
    const head = (await stats.locator('thead').textContent())!;
    for (const word of ['受理量', '办结率', '按期办结率', '满意率']) expect(head).toContain(word);
    expect(num(await page.getByTestId('public-rankings-stats-total-received').textContent())).toBe(published.received);
    expect(await page.locator('[data-testid^="public-ranking-list-"][data-list="red"]').count()).toBeGreaterThan(0);
    // Public numbers are not links into the staff pages.
    expect(await stats.locator('a').count()).toBe(0);

    // The first version stays readable, without its correction note.
    await page.locator('[data-testid^="public-rankings-version-"]', { hasText: '第 1 版' }).click();
    await expect.poll(async () => page.getByTestId('public-rankings-current-version').textContent(), POLL).toContain('第 1 版');
    expect(await page.getByTestId('public-rankings-detail-reason').count()).toBe(0);
    await page.getByTestId('public-nav-rankings').waitFor();
  });

  it('fits a 390 px phone, each office a card with its note, and explains the score with the weights, left-out rates and minimum the list was scored with, in Chinese and English', async () => {
    const { page } = f;
    const [published] = await queryRows<{ id: number }>(f.database.db, sql`select id from evaluation_lists order by version desc limit 1`);
    expect(published, 'the settings test publishes the lists').toBeDefined();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/public/rankings?list=${published.id}`);
    const explanation = page.getByTestId('public-rankings-explanation');
    await explanation.waitFor();
    const answer = await page.request.get(`${f.url}/api/public/evaluation/lists/${published.id}`);
    expect(answer.status()).toBe(200);
    const { settings } = ((await answer.json()) as PublishedList).ranking;
    // What the settings test saved: response 30, resolution 35, satisfaction 40 — 105 in all.
    expect(settings).toMatchObject({ weights: { responseRate: 30, resolutionRate: 35, satisfactionRate: 40 }, minimumCases: 1, listSize: 2 });
    const weighted = RATES.filter((r) => (settings.weights[r] ?? 0) > 0);
    const shares: Record<string, string> = { responseRate: '28.6%', resolutionRate: '33.3%', satisfactionRate: '38.1%' };
    expect(weighted).toEqual(Object.keys(shares));

    const weightText = (r: string) => page.getByTestId(`public-rankings-explanation-weight-${r}`).textContent();
    expect(await page.locator('[data-testid^="public-rankings-explanation-weight-"]').count()).toBe(weighted.length);
    for (const r of weighted) {
      const text = await weightText(r);
      expect(text).toContain(RATE_NAMES[r].zh);
      expect(text).toContain(`权重 ${settings.weights[r]}，占得分的 ${shares[r]}`);
    }
    const leftOut = (await page.getByTestId('public-rankings-explanation-unweighted').textContent())!;
    for (const r of RATES.filter((x) => !weighted.includes(x))) expect(leftOut).toContain(RATE_NAMES[r].zh);
    expect(leftOut).toContain('不计入得分');
    expect(leftOut).toContain('办结率低的单位也可能得分高');
    expect(await page.getByTestId('public-rankings-explanation-minimum').textContent()).toContain(`少于 ${settings.minimumCases} 件的单位`);
    expect(await page.getByTestId('public-rankings-explanation-lists').textContent()).toContain(`最高的 ${settings.listSize} 家上红榜`);

    // Nothing wider than the phone; the ranking is cards, not a table to scroll, so each note is on the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await page.locator('tr[data-testid^="public-ranking-row-"]').count()).toBe(0);
    expect(await page.locator('div[data-testid^="public-ranking-row-"]').count()).toBeGreaterThan(0);
    const note = page.locator('[data-testid^="public-ranking-unranked-"]').first();
    await note.scrollIntoViewIfNeeded();
    expect(await note.textContent()).toContain(`案件数不足 ${settings.minimumCases} 件`);
    const box = (await note.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => explanation.textContent(), POLL).toContain('weighted mean');
    for (const r of weighted) {
      const text = (await weightText(r))!.toLowerCase();
      expect(text).toContain(RATE_NAMES[r].en);
      expect(text).toContain(`weight ${settings.weights[r]}, ${shares[r]} of the score`);
    }
    const leftOutEn = (await page.getByTestId('public-rankings-explanation-unweighted').textContent())!;
    for (const r of RATES.filter((x) => !weighted.includes(x))) expect(leftOutEn).toContain(RATE_NAMES[r].en);
    expect(leftOutEn).toContain('a low completion rate can still score high');
    expect(await page.getByTestId('public-rankings-explanation-minimum').textContent()).toContain(`fewer than ${settings.minimumCases} cases`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });
});

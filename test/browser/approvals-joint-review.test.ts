import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';
import { loadDemoServiceItems } from '../../src/approvals/demo.js';

const ITEM = '公众聚集场所投入使用、营业前消防安全检查';

/**
 * Joint acceptance (联合验收) in Chromium: the window schedules one appointment for three
 * departments from the application's page; each department's reviewer records its own verdict
 * only (another department's is neither offered nor taken); the last one makes the joint report,
 * which prints on one sheet of A4 naming departments and people; a department not invited never
 * sees it; the enterprise reads it on a phone, in English too.
 */
describe('joint review and joint acceptance in Chromium', () => {
  let f: BrowserFixture;
  const office = (k: string) => f.demo.offices[`county-410122-${k}`];
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoServiceItems(f.database.db, operatorActor(), f.demo.offices);
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  const as = async (user: string) => {
    await f.logout();
    await f.login(user);
  };
  const standing = (page: Page) => page.getByTestId('joint-standing');

  /** The demo enterprise's application for the fire safety check, complete, taken in at the county's window. */
  async function takeIn(page: Page) {
    const [item] = await queryRows<{ id: number; materials: number[] }>(f.database.db, sql`select s.id, array_agg(m.id) filter (where m.required) as materials
      from service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision join service_item_materials m on m.version_id = v.id
      where v.name = ${ITEM} group by s.id`);
    const res = await page.request.post(`${f.url}/api/applications`, {
      data: { serviceItemId: Number(item.id), applicant: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC }, materialIds: item.materials.map(Number) },
    });
    expect(res.status()).toBe(201);
    return Number((await res.json()).id);
  }

  /** The reviewer opens the joint review from its menu and records its department's verdict. */
  async function record(user: string, department: number, verdict: 'pass' | 'conditional' | 'fail', remarks?: string) {
    const { page } = f;
    await as(user);
    await page.getByRole('menuitem', { name: '联审联批' }).click();
    await page.locator('[data-testid^="joint-open-"]').first().click();
    await page.getByTestId('joint-review-page').waitFor();
    // Only its own department's row offers the form.
    expect(await page.locator('[data-testid^="verdict-record-"]').count()).toBe(1);
    expect(await page.getByTestId(`verdict-row-${department}`).getAttribute('data-mine')).toBe('true');
    await page.getByTestId(`verdict-record-${department}`).click();
    await page.getByTestId(`verdict-${verdict}`).click();
    if (remarks) {
      // Conditions and reasons are required: the form says so before anything is sent.
      await page.getByTestId('verdict-submit').click();
      await page.locator('.ant-form-item-explain-error', { hasText: '有条件通过须写明条件' }).waitFor();
      await page.getByTestId('verdict-remarks').fill(remarks);
    }
    await page.getByTestId('verdict-submit').click();
    await expect.poll(() => page.getByTestId(`verdict-${department}`).getAttribute('data-verdict')).toBe(verdict);
    expect(await page.locator('[data-testid^="verdict-record-"]').count()).toBe(0);
  }

  it('is scheduled from the application for three departments, each records its own verdict once, and the joint report prints on one A4 sheet with names', async () => {
    const { page } = f;
    await f.login('window-agent');
    const applicationId = await takeIn(page);
    await page.goto(`${f.url}/approvals/applications/${applicationId}`);
    await page.getByTestId('joint-schedule').click();
    await page.getByTestId(`joint-department-${office('fire')}`).click();
    // One department is not a joint review: the form refuses before sending.
    await page.getByTestId('joint-schedule-submit').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请至少选择两个部门' }).waitFor();
    await page.getByTestId(`joint-department-${office('urban')}`).click();
    await page.getByTestId(`joint-department-${office('market')}`).click();
    await page.getByTestId('joint-place').fill('中牟县政务服务中心三楼联审室');
    await page.getByTestId('joint-schedule-submit').click();
    const card = page.getByTestId('joint-reviews');
    await card.locator('[data-testid^="joint-review-"]').first().waitFor();
    const [{ id }] = await queryRows<{ id: number }>(f.database.db, sql`select id from joint_reviews where application_id = ${applicationId}`);
    const reviewId = Number(id);
    expect(await page.getByTestId(`joint-standing-${reviewId}`).textContent()).toBe('待填写 0/3');
    // The window organises; it records no department's verdict.
    await page.getByTestId(`joint-open-${reviewId}`).click();
    await page.getByTestId('joint-review-page').waitFor();
    expect(await page.locator('[data-testid^="verdict-record-"]').count()).toBe(0);
    expect(await page.getByTestId('joint-cancel').count()).toBe(1);

    // A department not invited has nothing in its list, and the page does not exist for it.
    await as('reviewer-water');
    await page.getByRole('menuitem', { name: '联审联批' }).click();
    await page.getByTestId('joint-reviews-table').waitFor();
    expect(await page.getByTestId(`joint-row-${reviewId}`).count()).toBe(0);
    await page.goto(`${f.url}/approvals/joint-reviews/${reviewId}`);
    await page.getByTestId('joint-not-found').waitFor();

    await record('reviewer-fire', office('fire'), 'fail', '疏散指示标志缺失');
    // Another department's verdict is the other department's: refused, nothing written.
    const other = await page.request.post(`${f.url}/api/joint-reviews/${reviewId}/record-verdict`, { data: { departmentId: office('urban'), verdict: 'pass' } });
    expect(other.status()).toBe(403);
    await page.reload();
    expect(await page.getByTestId(`verdict-${office('urban')}`).getAttribute('data-verdict')).toBe('');
    expect(await standing(page).textContent()).toBe('待填写 1/3');

    await record('reviewer-urban', office('urban'), 'conditional', '招牌亮化须在开业前调整');
    await record('reviewer-market', office('market'), 'pass');
    await expect.poll(() => standing(page).getAttribute('data-outcome')).toBe('failed');
    expect(await page.getByTestId(`verdict-remarks-${office('fire')}`).textContent()).toBe('疏散指示标志缺失');

    // The report: every department by name with its verdict and who recorded it, the outcome, the organiser.
    await page.getByTestId('joint-print').click();
    const sheet = page.getByTestId('report-sheet');
    await sheet.waitFor();
    expect(await page.getByTestId('report-title').textContent()).toBe('联合验收意见书');
    expect(await page.getByTestId('report-verdict-row').allTextContents()).toEqual([
      expect.stringMatching(/^1中牟县城市管理局有条件通过招牌亮化须在开业前调整林城管\d{4}-\d{2}-\d{2}$/),
      expect.stringMatching(/^2中牟县市场监督管理局通过—钱市监\d{4}-\d{2}-\d{2}$/),
      expect.stringMatching(/^3中牟县消防救援大队不通过疏散指示标志缺失高消防\d{4}-\d{2}-\d{2}$/),
    ]);
    expect(await page.getByTestId('report-lead').textContent()).toContain('驻马店示范企业');
    expect(await page.getByTestId('report-outcome').textContent()).toContain('联合意见：不通过');
    expect(await page.getByTestId('report-organiser').textContent()).toBe('中牟县人民政府');
    // On paper: the sheet alone, within A4 (210 × 297 mm at 96 dpi).
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('report-print').isVisible()).toBe(false);
    await expect.poll(async () => (await sheet.boundingBox())!.width).toBeLessThanOrEqual(794);
    expect((await sheet.boundingBox())!.height).toBeLessThanOrEqual(1123);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.getByTestId('report-back').click();
    await page.getByTestId('joint-review-page').waitFor();

    // Reported, nothing more is recorded or cancelled.
    expect((await page.request.post(`${f.url}/api/joint-reviews/${reviewId}/record-verdict`, { data: { departmentId: office('market'), verdict: 'fail', remarks: '再议' } })).status()).toBe(409);

    // The enterprise reads it from its application on a phone: the verdicts, no form, and the report.
    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/applications/${applicationId}`);
    await page.getByTestId(`joint-standing-${reviewId}`).filter({ hasText: '不通过' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.getByTestId(`joint-open-${reviewId}`).click();
    await page.getByTestId('joint-review-page').waitFor();
    expect(await page.locator('[data-testid^="verdict-record-"]').count()).toBe(0);
    expect(await page.getByTestId('joint-cancel').count()).toBe(0);
    expect(await page.getByTestId(`verdict-${office('fire')}`).getAttribute('data-verdict')).toBe('fail');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.getByTestId('joint-print').click();
    await page.getByTestId('report-title').filter({ hasText: '联合验收意见书' }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('report-title').filter({ hasText: 'Joint Acceptance Report' }).waitFor();
    expect(await page.getByTestId('report-outcome').textContent()).toContain('Joint outcome: failed');
    // Once the new language is laid out, the sheet keeps to the phone's width.
    await expect.poll(() => page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.getByTestId('report-back').click();
    await page.getByTestId('joint-review-page').waitFor();
    expect(await page.getByTestId(`verdict-${office('fire')}`).textContent()).toBe('fail');
    await expect.poll(() => page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // The language is the browser's choice: back to Chinese for whoever uses it next.
    await page.getByTestId('joint-print').click();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('report-title').filter({ hasText: '联合验收意见书' }).waitFor();
  });

  it('lets the window cancel an appointment with its reason; no department records on a cancelled one', async () => {
    const { page } = f;
    await f.login('window-agent');
    const applicationId = await takeIn(page);
    const res = await page.request.post(`${f.url}/api/joint-reviews`, {
      data: { applicationId, kind: 'review', scheduledAt: '2026-12-10T09:30:00+08:00', place: '联审室', departmentIds: [office('fire'), office('urban')] },
    });
    expect(res.status()).toBe(201);
    const reviewId = Number((await res.json()).id);
    await page.goto(`${f.url}/approvals/joint-reviews/${reviewId}`);
    await page.getByTestId('joint-cancel').click();
    await page.getByTestId('joint-cancel-reason').fill('企业申请改期');
    await page.getByTestId('joint-cancel-submit').click();
    await expect.poll(() => standing(page).getAttribute('data-status')).toBe('cancelled');
    expect(await page.getByTestId('joint-cancel').count()).toBe(0);

    await as('reviewer-fire');
    await page.goto(`${f.url}/approvals/joint-reviews/${reviewId}`);
    await page.getByTestId('joint-review-page').waitFor();
    expect(await page.locator('[data-testid^="verdict-record-"]').count()).toBe(0);
    expect(await page.getByTestId('joint-review-page').textContent()).toContain('已取消：企业申请改期');
  });
});

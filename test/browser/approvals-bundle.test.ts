import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actInDialog, startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';
import { loadDemoServiceItems } from '../../src/approvals/demo.js';
import { loadDemoBundles } from '../../src/approvals/bundles/demo.js';
import type { BundleApplicationView, BundleView } from '../../src/approvals/bundles/contract.js';

const SHARED = '住所使用相关文件';

/** One bundle (开办餐馆“一件事”) from the window through three departments at once to a certificate that checks, is delivered and rated. */
describe('a bundle in Chromium', () => {
  let f: BrowserFixture;
  let bundle: BundleView;
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoServiceItems(f.database.db, operatorActor(), f.demo.offices);
    await loadDemoBundles(f.database.db, operatorActor());
    bundle = ((await (await fetch(`${f.url}/api/public/bundles`)).json()) as { items: BundleView[] }).items[0];
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  const as = async (user: string) => {
    await f.page.setViewportSize({ width: 1280, height: 900 });
    await f.logout();
    await f.login(user);
  };
  const progress = (page: Page) => page.getByTestId('bundle-progress').getAttribute('data-progress');
  const view = async (page: Page, id: number) => (await (await page.request.get(`${f.url}/api/bundle-applications/${id}`)).json()) as BundleApplicationView;

  it('walks the restaurant bundle through three departments in parallel, one asking for more that the applicant supplies online, to a certificate delivered, checked by its QR link and reviewed', async () => {
    const { page } = f;
    await f.login('window-agent');
    await page.goto(`${f.url}/approvals/bundles/intake`);
    await page.getByTestId('bundle-pick').click();
    await page.locator('.ant-select-item-option', { hasText: bundle.name }).click();
    await page.getByTestId('applicant-uscc').fill(DEMO_ENTERPRISE_USCC);
    await page.getByTestId('uscc-help').filter({ hasText: '企业库中未查到' }).waitFor();
    await page.getByTestId('applicant-name').fill('驻马店示范企业');
    for (const m of bundle.checklist.filter((x) => x.required && !x.internal && x.name !== SHARED)) await page.getByTestId(`bundle-material-${m.key}`).click();
    await page.getByTestId('bundle-missing').filter({ hasText: '尚缺 1 项材料' }).waitFor();
    await page.getByTestId('bundle-intake-submit').click();
    await page.getByTestId('bundle-application-page').waitFor();
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(await progress(page)).toBe('received');
    // 一次告知 over the four items: the shared material once.
    expect(await page.getByTestId('bundle-missing').textContent()).toContain(SHARED);
    await page.getByTestId('bundle-notify-missing').click();
    await expect.poll(() => progress(page)).toBe('incomplete');

    // The enterprise supplies it online, on a phone, once for every item.
    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/bundles`);
    await page.getByTestId(`bundle-application-${id}`).getByRole('link').click();
    await page.getByTestId('bundle-supplement').click();
    await page.getByTestId(`bundle-supply-s:${SHARED}`).click();
    await page.getByTestId('bundle-supplement-ok').click();
    await expect.poll(() => progress(page)).toBe('received');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await as('window-agent');
    await page.goto(`${f.url}/approvals/bundles/applications/${id}`);
    await page.getByTestId('bundle-accept').click();
    await expect.poll(() => progress(page)).toBe('in_review');
    const parts = (await view(page, id)).parts.map((p) => p.applicationId);
    expect(parts).toHaveLength(4);

    // Three departments at once: 市场监管 its two items, 消防 its check, 城管 asks for more.
    for (const [user, part] of [['reviewer-market', parts[0]], ['reviewer-market', parts[1]], ['reviewer-fire', parts[3]], ['reviewer-urban', parts[2]]] as const) {
      await as(user);
      await page.goto(`${f.url}/approvals/applications/${part}`);
      await actInDialog(page, 'sign');
      if (part === parts[2]) await actInDialog(page, 'ask-more', () => page.getByTestId('action-reason').fill('请补充招牌夜间照明方案'));
      else await actInDialog(page, 'approve');
    }
    await as('reviewer-urban');
    await page.goto(`${f.url}/approvals/bundles/applications/${id}`);
    // A department sees its own part of the bundle only.
    await page.getByTestId('bundle-part-3-status').waitFor();
    expect(await page.getByTestId('bundle-part-1-status').count()).toBe(0);

    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/bundles/${id}`);
    await expect.poll(() => progress(page)).toBe('waiting_applicant');
    await page.getByTestId('bundle-part-3-open').click();
    await page.getByTestId('my-application-page').waitFor();
    await actInDialog(page, 'supply', () => page.getByTestId('action-note').fill('已上传夜间照明方案'));
    await page.goto(`${f.url}/my/bundles/${id}`);
    await expect.poll(() => progress(page)).toBe('in_review');

    await as('reviewer-urban');
    await page.goto(`${f.url}/approvals/applications/${parts[2]}`);
    await actInDialog(page, 'approve');

    // The business licence is granted, issued and delivered at the window.
    await as('zhongmu-leader');
    await page.goto(`${f.url}/approvals/applications/${parts[0]}`);
    await actInDialog(page, 'conclude');
    await as('window-agent');
    await page.goto(`${f.url}/approvals/applications/${parts[0]}`);
    await actInDialog(page, 'issue', () => page.getByTestId('action-result-number').fill('91410122MA9RESTA01'));
    await actInDialog(page, 'deliver', async () => {
      await page.getByTestId('action-deliver-in_person').click();
      await page.getByTestId('action-receipt').fill('张老板');
    });

    // Its QR code's link checks on the public page.
    const certificate = (await (await page.request.get(`${f.url}/api/applications/${parts[0]}`)).json()).certificate as { verifyUrl: string };
    await f.logout();
    await page.goto(certificate.verifyUrl.replace(/^https?:\/\/[^/]+/, f.url));
    await page.getByTestId('check-status').filter({ hasText: '有效' }).waitFor();
    expect(await page.getByTestId('certificate-number').textContent()).toContain('91410122MA9RESTA01');
    // Whoever holds the certificate rates the application through its link (好差评).
    await page.getByTestId('review-grades').getByText('非常满意').click();
    await page.getByTestId('review-submit').click();
    await page.getByTestId('review-done').waitFor();

    // The enterprise's one application shows the licence delivered and the sign still in review.
    await as('enterprise');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/my/bundles/${id}`);
    await expect.poll(() => page.getByTestId('bundle-part-1-status').getAttribute('data-status')).toBe('delivered');
    expect(await page.getByTestId('bundle-part-3-status').getAttribute('data-status')).toBe('in_review');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  }, 300_000);
});

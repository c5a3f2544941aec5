import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { loadDemoServiceItems } from '../../src/approvals/demo.js';
import { loadDemoApplications } from '../../src/approvals/applications/demo.js';

/** The public certificate check (证照核验) on a phone: paste a certificate's link, see it valid, rate the service through it; a forged code refused. */
describe('the certificate check page in Chromium', () => {
  let f: BrowserFixture;
  let unrated: string;
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoServiceItems(f.database.db, operatorActor(), f.demo.offices);
    await loadDemoApplications(f.database.db, f.demo.offices);
    [{ code: unrated }] = await queryRows<{ code: string }>(f.database.db, sql`select certificate_code as code from applications where review_grade is null order by id limit 1`);
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  it('checks a pasted certificate link at 390 px and takes one rating through it', async () => {
    const { page } = f;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${f.url}/login`);
    await page.getByTestId('login-link-verify-certificate').click();
    await page.getByTestId('verify-input').fill(`https://zwfw.example.gov.cn/verify/${unrated}`);
    await page.getByTestId('verify-submit').click();
    await expect.poll(() => page.getByTestId('check-status').textContent()).toBe('证照有效');
    expect(await page.getByTestId('certificate-number').textContent()).toBe('JY24101220260002');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.getByTestId('grade-satisfied').click();
    await page.getByTestId('review-comment').fill('邮寄很快');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/review')),
      page.getByTestId('review-submit').click(),
    ]);
    expect(res.status(), await res.text()).toBe(200);
    await page.getByTestId('review-done').waitFor();
    const [row] = await queryRows<{ grade: string; channel: string }>(f.database.db, sql`select review_grade as grade, review_channel as channel from applications where certificate_code = ${unrated}`);
    expect(row).toEqual({ grade: 'satisfied', channel: 'certificate' });
  });

  it('says why a code that is not ours is refused', async () => {
    const { page } = f;
    await page.setViewportSize({ width: 390, height: 844 });
    const [header, payload, signature] = unrated.split('.');
    const altered = `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
    await page.goto(`${f.url}/verify/${altered}`);
    await expect.poll(() => page.getByTestId('check-refusal').textContent()).toContain('签名不符');
  });
});

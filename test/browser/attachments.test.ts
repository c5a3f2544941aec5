import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';

// A real 1×1 PNG: the server checks a file's first bytes against its type.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** Files in the web app: chosen at intake, checked in the browser, shown on the case page. */
describe('attachments in Chromium', () => {
  let f: BrowserFixture;
  beforeAll(async () => {
    f = await startBrowserFixture();
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  it('takes a photo with an appeal at intake, refuses a file the server would refuse before sending it, and shows the photo on the case page', async () => {
    const { page } = f;
    await f.login('agent');
    await page.goto(`${f.url}/cases/intake`);
    await page.getByTestId('intake-requester-phone').fill('13900005151');
    await page.getByTestId('intake-requester-name').fill('卫先生');
    await page.getByTestId('intake-title').fill('人行道井盖缺失');
    await page.getByTestId('intake-content').fill('解放路人行道上一个井盖缺失，夜里有人差点掉进去。');
    // A program dressed as a photo and an oversized file are refused by name and never join the list.
    await page.getByTestId('intake-files-input').setInputFiles([
      { name: 'scene.png', mimeType: 'image/png', buffer: PNG },
      { name: 'virus.png', mimeType: 'image/png', buffer: Buffer.from('MZ this is not a picture') },
      { name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024)]) },
    ]);
    const refused = page.getByTestId('intake-files-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('virus.png');
    expect(await refused.textContent()).toContain('huge.pdf');
    expect(await page.getByTestId('intake-files-file').count()).toBe(1);
    await page.getByTestId('intake-submit').click();
    const code = (await page.getByTestId('intake-created-code').textContent())!.trim();
    const [row] = await queryRows<{ id: number }>(f.database.db, sql`select id from cases where code = ${code}`);
    const stored = await queryRows<{ file_name: string; part: string }>(f.database.db, sql`select file_name, part from case_attachments where case_id = ${row.id}`);
    expect(stored).toEqual([{ file_name: 'scene.png', part: 'appeal' }]);

    await page.goto(`${f.url}/cases/${row.id}`);
    await page.getByTestId('case-attachment-image').waitFor();
    expect(await page.getByTestId('case-attachment-image').count()).toBe(1);
    const src = await page.getByTestId('case-attachment-image').locator('img').first().getAttribute('src');
    const res = await page.request.get(`${f.url}${src}`);
    expect(res.status()).toBe(200);
    expect(Buffer.from(await res.body()).equals(PNG)).toBe(true);

    // Someone who may not see the case does not get its file either.
    await f.logout();
    expect((await page.request.get(`${f.url}${src}`)).status()).toBe(401);
    await f.login('enterprise');
    expect((await page.request.get(`${f.url}${src}`)).status()).toBe(404);
  });

  it('lets a citizen on a phone pick the kind of appeal, give the phone\'s position and a photo, and shows the code and secret unbroken; Open311 returns the position', async () => {
    const { page } = f;
    await f.context.grantPermissions(['geolocation'], { origin: f.url });
    await f.context.setGeolocation({ latitude: 32.980123, longitude: 114.021987 });
    await page.setViewportSize({ width: 390, height: 844 });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    // A link for complaints presets the kind; the citizen may still choose another.
    await page.goto(`${f.url}/public/appeal?type=complaint`);
    expect(await page.getByTestId('public-appeal-type-option-complaint').isChecked()).toBe(true);
    await page.getByTestId('public-appeal-type-option-help').check();
    await page.getByTestId('public-appeal-title').fill('路灯不亮');
    await page.getByTestId('public-appeal-content').fill('小区门口的路灯坏了一个月，晚上很黑。');
    await page.getByTestId('public-appeal-locate').click();
    await page.getByTestId('public-appeal-location').filter({ hasText: '32.98012' }).waitFor();
    await page.getByTestId('public-appeal-files-input').setInputFiles([{ name: 'lamp.png', mimeType: 'image/png', buffer: PNG }]);
    await page.getByTestId('public-appeal-files-file').waitFor();
    await page.getByTestId('public-appeal-name').fill('蒋女士');
    await page.getByTestId('public-appeal-phone').fill('13900006262');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.getByTestId('public-appeal-submit').click();
    const code = page.getByTestId('public-appeal-code');
    await code.waitFor();
    // Each of code and secret sits on one line.
    for (const el of [code, page.getByTestId('public-appeal-secret')]) {
      const box = (await el.boundingBox())!;
      expect(box.height).toBeLessThan(40);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const text = (await code.textContent())!.trim();
    const [row] = await queryRows<{ id: number; type: string; lat: number; long: number }>(f.database.db, sql`select id, type, lat::float8 as lat, long::float8 as long from cases where code = ${text}`);
    expect(row).toMatchObject({ type: 'help', lat: 32.980123, long: 114.021987 });
    const files = await queryRows<{ file_name: string; part: string }>(f.database.db, sql`select file_name, part from case_attachments where case_id = ${row.id}`);
    expect(files).toEqual([{ file_name: 'lamp.png', part: 'appeal' }]);
    const open311 = await (await page.request.get(`${f.url}/open311/v2/requests/${text}.json`)).json();
    expect(open311[0]).toMatchObject({ lat: 32.980123, long: 114.021987 });
    expect(errors).toEqual([]);
  });
});

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
});

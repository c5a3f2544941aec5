import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor, type Actor } from '../../src/platform/actor.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';
import { officePaths } from '../../src/offices/subtree.js';
import { createCase } from '../../src/cases/commands/createCase.js';
import { loadDemoEnterprises } from '../../src/enterprises/demo.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';

describe('the enterprise registry in Chromium', () => {
  let f: BrowserFixture;
  const scratch = mkdtempSync(join(tmpdir(), 'qinqing-registry-'));
  beforeAll(async () => {
    f = await startBrowserFixture();
    await loadDemoEnterprises(f.database.db, operatorActor());
    const centre = f.demo.offices['zmd-centre'];
    const agent: Actor = { userId: null, name: 'agent', roles: ['agent'], officeId: centre, officePath: (await officePaths(f.database.db, [centre])).get(centre)! };
    await createCase(f.database.db, agent, {
      channel: 'hotline', type: 'help', title: '示范企业申请用电增容', content: '企业扩产需要用电增容，请协调。', regionCode: '411702',
      requester: { kind: 'enterprise', name: '驻马店示范企业', uscc: DEMO_ENTERPRISE_USCC, phone: '13900001680' },
    });
  }, 300_000);
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await f?.close();
  });
  beforeEach(() => f.fresh());

  it('finds an enterprise in the list, opens its page with its contacts, accounts and cases, and shows the server\'s message on a bad field', async () => {
    const { page } = f;
    await f.login('agent');
    await page.goto(`${f.url}/enterprises`);
    // Zhumadian's staff see Zhumadian's 300 enterprises, not Zhengzhou's.
    await page.getByText('共 300 家').waitFor();
    await page.getByTestId('enterprises-search').fill('示范企业');
    await page.keyboard.press('Enter');
    await page.getByTestId(`enterprise-link-${DEMO_ENTERPRISE_USCC}`).click();
    await page.getByTestId('enterprise-name').filter({ hasText: '驻马店示范企业食品有限公司' }).waitFor();
    expect(await page.getByTestId('enterprise-details').textContent()).toContain('C14 食品制造业');
    expect(await page.getByTestId('enterprise-accounts').textContent()).toContain('驻马店示范企业（enterprise）');
    expect(await page.getByTestId('enterprise-contact-table').textContent()).toContain('13900001680');
    expect(await page.getByTestId('enterprise-section-cases').textContent()).toContain('示范企业申请用电增容');
    expect(await page.getByTestId('enterprise-edit').count()).toBe(0);

    await f.logout();
    await f.login('admin');
    await page.goto(`${f.url}/enterprises/${DEMO_ENTERPRISE_USCC}`);
    await page.getByTestId('enterprise-edit').click();
    const dialog = page.getByTestId('enterprise-edit-dialog');
    await dialog.getByTestId('contact-0-phone').fill('12');
    await page.getByTestId('enterprise-submit').click();
    await dialog.getByText('联系人：第 1 位联系人的电话无效：12').waitFor();
    await dialog.getByTestId('contact-0-phone').fill('13900001699');
    await page.getByTestId('enterprise-submit').click();
    await page.getByTestId('enterprise-contact-table').filter({ hasText: '13900001699' }).waitFor();
    const [row] = await queryRows<{ version: number }>(f.database.db, sql`select version from enterprises where uscc = ${DEMO_ENTERPRISE_USCC}`);
    expect(row.version).toBe(2);
  });

  it('shows an enterprise user its own enterprise only', async () => {
    const { page } = f;
    await f.login('enterprise');
    await page.goto(`${f.url}/enterprises`);
    await page.getByText('共 1 家').waitFor();
    await page.getByTestId(`enterprise-link-${DEMO_ENTERPRISE_USCC}`).click();
    await page.getByTestId('enterprise-contacts-edit').waitFor();
    expect(await page.getByTestId('enterprise-edit').count()).toBe(0);
    expect(await page.getByTestId('enterprise-section-cases').textContent()).toContain('示范企业申请用电增容');
  });

  it('imports a file with a bad row as nothing, and lists each bad cell', async () => {
    const { page } = f;
    await f.login('admin');
    await page.goto(`${f.url}/enterprises/import`);
    const file = join(scratch, 'bad.csv');
    writeFileSync(file, `统一社会信用代码,企业名称,企业类型,行政区划代码\n${DEMO_ENTERPRISE_USCC},驻马店示范企业食品有限公司,有限责任公司,411799\n`);
    await page.getByTestId('enterprise-import-page').locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('enterprise-import-rejected').waitFor();
    expect(await page.getByTestId('enterprise-import-problems').textContent()).toContain('行政区划代码：411799 不存在');
  });
});

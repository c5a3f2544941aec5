import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { createEnterprise } from '../../src/enterprises/commands/createEnterprise.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';
import { createPolicy } from '../../src/policies/commands/policyActions.js';

describe('policies pushed to enterprises in Chromium', () => {
  let f: BrowserFixture;
  let policyId: number;
  beforeAll(async () => {
    f = await startBrowserFixture();
    const db = f.database.db;
    await createEnterprise(db, operatorActor(), {
      uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范粮油有限公司', kind: 'limited_liability', regionCode: '411702', industryDivision: '13', size: 'small',
      establishedOn: '2019-03-01', registeredCapital: 500, credit: 'good',
    });
    const draft = await createPolicy(db, operatorActor(), {
      title: '驿城区小微企业厂房租金补贴', issuingBody: '驿城区人民政府办公室', documentNumber: '驿政办〔2026〕18号', officeId: f.demo.offices['county-411702'],
      validFrom: '2026-01-01', validTo: null,
      clauses: [{ number: '二', text: '在驿城区注册的企业。' }, { number: '三', text: '小型、微型企业。' }],
      benefit: { kind: 'subsidy', amount: 30000, description: '按租金的 30% 补贴，最高 3 万元' },
      conditions: [{ kind: 'region', regionCode: '411702', clause: '二' }],
    });
    policyId = draft.id;
  }, 300_000);
  afterAll(async () => {
    await f?.close();
  });
  beforeEach(() => f.fresh());

  it('adds a condition in the editor, publishes the policy, and shows the enterprise its matched policy with the reasons; it marks it read and applies', async () => {
    const { page } = f;
    await f.login('admin');
    await page.goto(`${f.url}/policies/${policyId}`);
    await page.getByTestId('policy-title').waitFor();
    expect(await page.getByTestId('policy-title').inputValue()).toBe('驿城区小微企业厂房租金补贴');
    // A new condition starts as 企业规模 = 小型, 微型; it cites the first clause, and the editor moves it to clause 三.
    await page.getByTestId('policy-condition-add').click();
    await page.getByTestId('policy-condition-1-clause').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '三' }).click();
    await page.getByTestId('policy-save').click();
    await page.getByText('已保存').waitFor();
    await page.getByTestId('policy-publish').click();
    await page.getByText('已发布，已向符合条件的企业推送').waitFor();
    expect(await page.getByTestId('policy-status').textContent()).toBe('已发布');
    await page.getByTestId('policy-matches-link').click();
    await page.getByTestId(`match-status-${DEMO_ENTERPRISE_USCC}`).waitFor();
    expect(await page.getByTestId('policy-matches').textContent()).toContain('符合第三条');

    await f.logout();
    await f.login('enterprise');
    await page.goto(`${f.url}/policies/for-me`);
    await page.getByTestId(`for-me-${policyId}`).waitFor();
    const reasons = await page.getByTestId(`for-me-reasons-${policyId}`).textContent();
    expect(reasons).toContain('符合第二条');
    expect(reasons).toContain('规模小型');
    expect(await page.getByTestId(`for-me-status-${policyId}`).textContent()).toBe('已推送');
    await page.getByTestId(`for-me-read-${policyId}`).click();
    // Apply is offered before reading too, so wait for the status the read leaves, not the button.
    await page.getByTestId(`for-me-status-${policyId}`).filter({ hasText: '已阅读' }).waitFor();
    await page.getByTestId(`for-me-apply-${policyId}`).click();
    await page.getByText('已申请').waitFor();
    expect(await page.getByTestId(`for-me-apply-${policyId}`).count()).toBe(0);
  });
});

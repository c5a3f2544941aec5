import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { operatorActor } from '../../src/platform/actor.js';
import { createEnterprise } from '../../src/enterprises/commands/createEnterprise.js';
import { DEMO_ENTERPRISE_USCC } from '../../src/demo/organisation.js';
import { createPolicy } from '../../src/policies/commands/policyActions.js';

describe('policies pushed to enterprises in Chromium', () => {
  let f: BrowserFixture;
  let policyId: number;
  let researchPolicyId: number;
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
    researchPolicyId = (await createPolicy(db, operatorActor(), {
      title: '驿城区研发投入奖励', issuingBody: '驿城区科技局', documentNumber: '驿科〔2026〕5号', officeId: f.demo.offices['county-411702'],
      validFrom: '2026-01-01', validTo: null,
      clauses: [{ number: '一', text: '在驿城区注册、研发费用占营业收入 3% 以上的企业。' }],
      benefit: { kind: 'award', amount: 50000, description: '一次性奖励 5 万元' },
      conditions: [{ kind: 'region', regionCode: '411702', clause: '一' }, { kind: 'fact', fact: '研发费用占比', test: { type: 'number', min: 3 }, clause: '一' }],
    })).id;
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

  it('lets the enterprise declare the fact a policy still needs from its list, which turns the policy eligible; the region\'s administrator records an authoritative fact from the enterprise page, and a handler only reads', async () => {
    const { page } = f;
    await f.login('admin');
    const draft = await (await page.request.get(`${f.url}/api/policies/${researchPolicyId}`)).json();
    expect((await page.request.post(`${f.url}/api/policies/${researchPolicyId}/publish`, { data: { version: draft.version } })).status()).toBe(200);
    await f.logout();

    await f.login('enterprise');
    await page.goto(`${f.url}/policies/for-me`);
    await page.getByTestId(`for-me-missing-${researchPolicyId}`).waitFor();
    await page.getByTestId('for-me-declare-研发费用占比').click();
    // The form opens for the missing fact, as a declaration: the enterprise may record no other source.
    await page.getByTestId('fact-form').waitFor();
    expect(await page.getByTestId('fact-name').inputValue()).toBe('研发费用占比');
    expect(await page.getByTestId('fact-form').textContent()).toContain('企业自行申报');
    await page.getByTestId('fact-type').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '数值' }).click();
    await page.getByTestId('fact-value-number').fill('4.2');
    await page.getByTestId('fact-submit').click();
    await page.getByTestId('fact-value-研发费用占比-declared').filter({ hasText: '4.2' }).waitFor();
    await page.goto(`${f.url}/policies/for-me`);
    const eligible = page.getByTestId('for-me').locator('.ant-collapse-item').first();
    await eligible.getByTestId(`for-me-${researchPolicyId}`).waitFor();
    expect(await page.getByTestId(`for-me-missing-${researchPolicyId}`).count()).toBe(0);
    await f.logout();

    await f.login('admin');
    await page.goto(`${f.url}/enterprises/${DEMO_ENTERPRISE_USCC}`);
    await page.getByTestId('enterprise-section-link-policies').click();
    await page.getByTestId('fact-value-研发费用占比-declared').waitFor();
    // The administrator does not change the enterprise's own word, but records from an authoritative list.
    expect(await page.getByTestId('fact-edit-研发费用占比-declared').count()).toBe(0);
    await page.getByTestId('fact-add').click();
    await page.getByTestId('fact-name').fill('高新技术企业');
    await page.getByTestId('fact-submit').click();
    await page.getByTestId('fact-value-高新技术企业-registry').filter({ hasText: '是' }).waitFor();
    await f.logout();

    await f.login('handler');
    await page.goto(`${f.url}/enterprises/${DEMO_ENTERPRISE_USCC}/facts`);
    await page.getByTestId('fact-value-高新技术企业-registry').waitFor();
    expect(await page.getByTestId('fact-add').count()).toBe(0);
    expect(await page.getByTestId('fact-edit-高新技术企业-registry').count()).toBe(0);
  });
});

/**
 * The demo policies: five made-up but real-sounding policies of Zhumadian and 驿城区 (rent
 * subsidy for small firms, a food-industry award granted without application, R&D
 * post-subsidies for high-tech firms, 专精特新 awards, start-up aid), with the facts an
 * authoritative register and a few enterprises give, published through the real commands so
 * they are matched against the demo registry and pushed.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { findEnterprisesByIds } from '../enterprises/index.js';
import type { ContentInput } from './commands/content.js';
import { actOnPolicy, createPolicy } from './commands/policyActions.js';
import { recordFact } from './commands/facts.js';
import { drainRematchQueue } from './commands/matching.js';

// Dated from the year the demo is loaded in, so its policies are always in force.
const DEMO_POLICIES = (offices: Record<string, number>, y: number): ContentInput[] => [
  {
    title: '驻马店市小微企业厂房租金补贴', issuingBody: '驻马店市人民政府办公室', documentNumber: `驻政办〔${y}〕21号`, officeId: offices['zmd-yingshang'],
    validFrom: `${y}-01-01`, validTo: `${y + 1}-12-31`,
    clauses: [
      { number: '二', text: '在本市注册、纳入统计的小型、微型企业。' },
      { number: '三', text: '信用状况良好，未列入严重失信主体名单。' },
      { number: '四', text: '租赁生产经营用厂房面积 200 平方米以上。' },
    ],
    benefit: { kind: 'subsidy', amount: 30000, description: '按年租金的 30% 给予补贴，每家每年最高 3 万元' },
    conditions: [
      { kind: 'region', regionCode: '411700', clause: '二' }, { kind: 'size', sizes: ['small', 'micro'], clause: '二' },
      { kind: 'credit', standings: ['good', 'normal'], clause: '三' }, { kind: 'fact', fact: '租赁厂房面积', test: { type: 'number', min: 200 }, clause: '四' },
    ],
  },
  {
    title: '驿城区食品产业稳链重点企业奖励（免申即享）', issuingBody: '驿城区人民政府', documentNumber: `驿政〔${y}〕12号`, officeId: offices['county-411702'],
    validFrom: `${y}-01-01`, validTo: `${y + 1}-12-31`, automaticGrant: true,
    clauses: [{ number: '1', text: '在驿城区注册的农副食品加工业、食品制造业重点企业。' }, { number: '2', text: '企业规模为大中型。' }],
    benefit: { kind: 'award', amount: 100000, description: '一次性奖励 10 万元，无需申请，直接兑现' },
    conditions: [
      { kind: 'region', regionCode: '411702', clause: '1' }, { kind: 'industry', codes: ['13', '14'], clause: '1' },
      { kind: 'key_enterprise', value: true, clause: '1' }, { kind: 'size', sizes: ['large', 'medium'], clause: '2' },
    ],
  },
  {
    title: '驻马店市高新技术企业研发费用后补助', issuingBody: '驻马店市科学技术局', documentNumber: `驻科〔${y}〕8号`, officeId: offices['zmd-yingshang'],
    validFrom: `${y}-01-01`, validTo: null,
    clauses: [
      { number: '第二条', text: '有效期内的高新技术企业。' }, { number: '第三条', text: '制造业、信息技术服务业或科学研究和技术服务业企业。' },
      { number: '第四条', text: '上年度研发费用占营业收入比例不低于 3%。' },
    ],
    benefit: { kind: 'subsidy', amount: 50000, description: '按上年度研发费用增量的 10% 补助，最高 5 万元' },
    conditions: [
      { kind: 'fact', fact: '高新技术企业', test: { type: 'boolean', equals: true }, clause: '第二条' }, { kind: 'industry', codes: ['C', 'I', 'M'], clause: '第三条' },
      { kind: 'fact', fact: '研发费用占比', test: { type: 'number', min: 3 }, clause: '第四条' }, { kind: 'region', regionCode: '411700', clause: '第二条' },
    ],
  },
  {
    title: '驻马店市专精特新中小企业奖励', issuingBody: '驻马店市工业和信息化局', documentNumber: `驻工信〔${y}〕15号`, officeId: offices['zmd-yingshang'],
    validFrom: `${y}-01-01`, validTo: `${y + 1}-12-31`, automaticGrant: true,
    clauses: [
      { number: '一', text: '本市制造业中小企业，成立满 3 年。' }, { number: '二', text: '经认定的省级或国家级专精特新中小企业。' }, { number: '三', text: '信用状况守信。' },
    ],
    benefit: { kind: 'award', amount: 200000, description: '省级奖励 20 万元，免申即享' },
    conditions: [
      { kind: 'region', regionCode: '411700', clause: '一' }, { kind: 'industry', codes: ['C'], clause: '一' }, { kind: 'size', sizes: ['medium', 'small', 'micro'], clause: '一' },
      { kind: 'age', minYears: 3, clause: '一' }, { kind: 'fact', fact: '专精特新认定等级', test: { type: 'text', oneOf: ['省级', '国家级'] }, clause: '二' },
      { kind: 'credit', standings: ['good'], clause: '三' },
    ],
  },
  {
    title: '驿城区新办小微企业开办补助', issuingBody: '驿城区人民政府办公室', documentNumber: `驿政办〔${y}〕30号`, officeId: offices['county-411702'],
    validFrom: `${y}-01-01`, validTo: `${y + 1}-06-30`,
    clauses: [{ number: '2', text: '在驿城区新设立不满 3 年、注册资本 100 万元以下的企业。' }, { number: '3', text: '非失信主体。' }],
    benefit: { kind: 'subsidy', amount: 5000, description: '一次性开办补助 5000 元' },
    conditions: [
      { kind: 'region', regionCode: '411702', clause: '2' }, { kind: 'age', underYears: 3, clause: '2' }, { kind: 'registered_capital', max: 100, clause: '2' },
      { kind: 'credit', standings: ['good', 'normal'], clause: '3' },
    ],
  },
];

/** Loads the facts and the policies, publishes the policies (matching them) and drains the queue the facts left. */
export async function loadDemoPolicies(db: Db, actor: Actor, offices: Record<string, number>, enterprises: Record<string, number>): Promise<Record<string, number>> {
  const year = new Date().getFullYear();
  // Facts known since the end of last year.
  const asOf = `${year - 1}-12-31`;
  const registry = await findEnterprisesByIds(db, Object.values(enterprises));
  const glass = registry.filter((e) => e.industryDivision === '30' && e.regionCode.startsWith('4117'));
  const small = registry.filter((e) => e.regionCode.startsWith('4117') && (e.size === 'small' || e.size === 'micro') && e.kind === 'limited_liability');
  // The province's list of high-tech and 专精特新 firms (authoritative): a few of the electronic-glass makers.
  for (const [i, e] of glass.slice(0, 6).entries()) {
    await recordFact(db, actor, e.uscc, '高新技术企业', { type: 'boolean', value: true, source: 'registry', asOf });
    await recordFact(db, actor, e.uscc, '研发费用占比', { type: 'number', value: Math.round((3 + i * 0.7) * 10) / 10, source: 'registry', asOf });
    if (i < 3) await recordFact(db, actor, e.uscc, '专精特新认定等级', { type: 'text', value: i === 0 ? '国家级' : '省级', source: 'registry', asOf });
  }
  // Some small firms declared their rented floor space; the demo enterprise declared its R&D share.
  for (const [i, e] of small.slice(0, 12).entries()) {
    const own: Actor = { userId: null, name: `demo:${e.uscc}`, roles: ['enterprise'], officeId: null, officePath: null, enterpriseUscc: e.uscc };
    await recordFact(db, own, e.uscc, '租赁厂房面积', { type: 'number', value: 120 + i * 60, source: 'declared', asOf });
  }
  const demo: Actor = { userId: null, name: 'demo:enterprise', roles: ['enterprise'], officeId: null, officePath: null, enterpriseUscc: DEMO_ENTERPRISE_USCC };
  await recordFact(db, demo, DEMO_ENTERPRISE_USCC, '研发费用占比', { type: 'number', value: 4.1, source: 'declared', asOf });
  const ids: Record<string, number> = {};
  for (const content of DEMO_POLICIES(offices, year)) {
    const draft = await createPolicy(db, actor, content);
    ids[content.documentNumber] = (await actOnPolicy(db, actor, draft.id, 'publish', draft.version)).id;
  }
  await drainRematchQueue(db);
  return ids;
}

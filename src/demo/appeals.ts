import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { createCategory, setDispatchRule } from '../cases/commands/catalogue.js';
import { createCase, type IntakeInput } from '../cases/commands/createCase.js';
import { runCaseAction } from '../cases/commands/runAction.js';
import type { CaseAction } from '../cases/lifecycle.js';
import { demoActor } from './actors.js';
import type { DemoOrganisation } from './organisation.js';

/**
 * Demo reference data for the appeals loop: a category tree in the shape 12345 centres use and a
 * dispatch catalogue tying categories to the demo offices, city-wide and in two counties.
 */
const CATEGORIES: [code: string, name: string, children: [string, string][]][] = [
  ['construction', '城乡建设', [['construction.property', '物业管理'], ['construction.noise', '施工噪音'], ['construction.housing', '房屋质量'], ['construction.heating', '燃气供热']]],
  ['market', '市场监管', [['market.food', '食品安全'], ['market.price', '价格收费'], ['market.unlicensed', '无证经营'], ['market.consumer', '消费维权']]],
  ['social', '社会保障', [['social.pension', '养老保险'], ['social.employment', '就业创业'], ['social.wages', '劳动工资']]],
  ['business', '营商环境', [['business.approval', '审批服务'], ['business.fees', '涉企收费'], ['business.policy', '惠企政策兑现'], ['business.inspection', '涉企检查']]],
  ['environment', '生态环境', [['environment.air', '大气污染'], ['environment.water', '水污染'], ['environment.noise', '噪声污染']]],
  ['transport', '交通运输', [['transport.bus', '公交出租'], ['transport.roads', '道路设施']]],
  ['utilities', '公用事业', [['utilities.power', '供电'], ['utilities.water', '供水']]],
  ['city', '城市管理', [['city.street_vending', '占道经营'], ['city.sanitation', '市容环卫'], ['city.lights', '路灯照明']]],
  ['education', '教育', []],
  ['health', '卫生健康', []],
];

/** What callers say for a category that its name does not hold (诉求分类的关键词). */
const KEYWORDS: Record<string, string[]> = {
  'construction.property': ['物业', '小区', '电梯', '停车位'],
  'construction.noise': ['夜间施工', '工地'],
  'construction.heating': ['燃气', '暖气', '供暖'],
  'market.food': ['过期', '变质', '食品', '餐馆卫生'],
  'market.price': ['乱收费', '明码标价', '价格欺诈'],
  'market.unlicensed': ['无证', '黑作坊', '小作坊'],
  'market.consumer': ['退货', '退款', '假货', '维权'],
  'social.pension': ['养老金', '社保'],
  'social.wages': ['欠薪', '拖欠工资', '讨薪'],
  'business.approval': ['营业执照', '办证'],
  'business.policy': ['补贴', '奖补'],
  'environment.air': ['油烟', '餐饮油烟', '烧烤', '扬尘', '废气', '异味', '焚烧'],
  'environment.water': ['污水', '排污', '黑臭'],
  'environment.noise': ['噪音', '扰民', '广场舞'],
  'transport.bus': ['公交', '出租车', '网约车'],
  'transport.roads': ['路面', '坑洼', '红绿灯'],
  'utilities.power': ['停电', '电费'],
  'utilities.water': ['停水', '水压', '水费'],
  'city.street_vending': ['摆摊', '流动摊贩'],
  'city.sanitation': ['垃圾', '环卫'],
  'city.lights': ['路灯'],
};

/** City departments in the demo organisation by their index in ZHUMADIAN_DEPARTMENTS. */
const CITY_OWNER: Record<string, string> = {
  construction: 'zmd-dept-1', market: 'zmd-dept-0', social: 'zmd-dept-2', business: 'zmd-yingshang', environment: 'zmd-dept-4',
  transport: 'zmd-dept-5', utilities: 'zmd-power', city: 'zmd-dept-6', education: 'zmd-dept-8', health: 'zmd-dept-9',
};

export async function loadDemoCatalogue(db: Db, actor: Actor, org: Pick<DemoOrganisation, 'offices'>): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [code, name, children] of CATEGORIES) {
    ids[code] = (await createCategory(db, actor, { code, name, parentId: null })).id;
    for (const [childCode, childName] of children) ids[childCode] = (await createCategory(db, actor, { code: childCode, name: childName, parentId: ids[code], keywords: KEYWORDS[childCode] })).id;
    await setDispatchRule(db, actor, { categoryId: ids[code], regionCode: '411700', officeId: org.offices[CITY_OWNER[code]] });
  }
  // In 驿城区 and 西平县 the county's own market regulator and government take their matters first.
  for (const county of ['411702', '411721']) {
    await setDispatchRule(db, actor, { categoryId: ids.market, regionCode: county, officeId: org.offices[`county-${county}-market`], note: '县区市场监管事项' });
    for (const code of ['construction', 'city', 'social']) await setDispatchRule(db, actor, { categoryId: ids[code], regionCode: county, officeId: org.offices[`county-${county}`] });
  }
  return ids;
}

type Step = [role: string, action: CaseAction, input: Record<string, unknown>];

/** A handful of cases at every stage of the loop, so each workbench has something on it. */
export async function loadDemoCases(db: Db, org: Pick<DemoOrganisation, 'offices'>, categories: Record<string, number>): Promise<number> {
  const actors: Record<string, Actor> = {};
  for (const username of ['agent', 'dispatcher', 'handler', 'supervisor', 'leader', 'enterprise']) actors[username] = await demoActor(db, username);
  const market = org.offices['zmd-dept-0'];
  const scripts: { by: string; input: IntakeInput; steps: Step[] }[] = [
    { by: 'agent', input: { channel: 'hotline', type: 'consultation', title: '个体工商户营业执照如何办理', content: '想在驿城区开一家早餐店，营业执照需要什么材料？', regionCode: '411702', categoryId: categories['business.approval'], requester: { kind: 'person', name: '孙女士', phone: '13703961234' } },
      steps: [['agent', 'answer', { answer: '可通过河南政务服务网或到驿城区政务服务中心市场监管窗口办理，需身份证、经营场所证明等材料，当场办结。具体以窗口最新公布为准。' }]] },
    { by: 'agent', input: { channel: 'hotline', type: 'complaint', title: '超市销售过期食品', content: '在某超市买到过期三天的酸奶，要求处理。', address: '驻马店市驿城区雪松路', regionCode: '411700', categoryId: categories['market.food'], requester: { kind: 'person', name: '周先生', phone: '13903960001' } },
      steps: [] },
    { by: 'agent', input: { channel: 'hotline', type: 'complaint', title: '商户价格欺诈', content: '景区门口商户明码标价与实收不符。', regionCode: '411700', categoryId: categories['market.price'], requester: { kind: 'person', name: '吴先生', phone: '15803960002' } },
      steps: [['dispatcher', 'dispatch', { leadOfficeId: market }]] },
    { by: 'agent', input: { channel: 'mailbox', type: 'report', title: '举报无证经营小作坊', content: '某小区地下室有人无证加工食品。', address: '驻马店市驿城区人民街道', regionCode: '411700', categoryId: categories['market.unlicensed'], requester: { kind: 'person', name: '郑某', phone: '13503960003' } },
      steps: [['dispatcher', 'dispatch', { leadOfficeId: market }], ['handler', 'sign', {}]] },
    { by: 'enterprise', input: { channel: 'enterprise_portal', type: 'help', title: '惠企补贴迟迟未兑现', content: '去年申报的稳岗补贴至今未到账，请协调。', regionCode: '411702', categoryId: categories['business.policy'], requester: { kind: 'enterprise', name: '驻马店示范企业' } },
      steps: [['dispatcher', 'dispatch', { leadOfficeId: market }], ['handler', 'sign', {}], ['handler', 'reply', { reply: '已协调人社部门，补贴将于本月内发放。' }]] },
    { by: 'agent', input: { channel: 'hotline', type: 'suggestion', title: '建议增设公交线路', content: '新建小区附近没有公交站点。', regionCode: '411700', categoryId: categories['transport.bus'], requester: { kind: 'person', name: '冯先生', phone: '18603960004' } },
      steps: [['dispatcher', 'dispatch', { leadOfficeId: market }], ['handler', 'return', { reason: '属交通运输部门职责，请改派' }]] },
  ];
  const apply = async (caseId: number, role: string, action: CaseAction, input: Record<string, unknown>, version: number) => {
    return runCaseAction(db, actors[role], { caseId, action, version, input });
  };
  for (const s of scripts) {
    const created = await createCase(db, actors[s.by], s.input);
    let version = created.version;
    for (const [role, action, input] of s.steps) version = (await apply(created.id, role, action, input, version)).version;
  }
  return scripts.length;
}

/**
 * The demo catalogue: real items of 中牟县 (seed 000's county) with the statutory limits their
 * laws set and the legal basis cited; committed limits about half (seed 004: time −50 %), and
 * baselines of steps and materials before the reform. Codes are shaped as the national ones
 * (the departments' USCCs are made up, with correct check characters); loaded through the real
 * commands, each item created and published.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { usccCheckCharacter } from '../enterprises/uscc.js';
import type { ContentInput, MaterialInput } from './commands/content.js';
import { actOnServiceItem, createServiceItem } from './commands/serviceItemActions.js';

type Department = 'housing' | 'planning' | 'civil-defence' | 'water' | 'market' | 'police' | 'tax' | 'hrss' | 'urban' | 'fire';

const DEPARTMENTS: readonly Department[] = ['housing', 'planning', 'civil-defence', 'water', 'market', 'police', 'tax', 'hrss', 'urban', 'fire'];

/** A made-up government-organ code (11…) in 中牟县 for each department, with its check character. */
const usccOf = (department: Department) => {
  const first17 = `11410122MB${String(DEPARTMENTS.indexOf(department) + 1).padStart(2, '0')}00F57`;
  return first17 + usccCheckCharacter(first17)!;
};

const m = (name: string, opts: Partial<MaterialInput> = {}): MaterialInput => ({ name, required: true, form: 'both', source: '申请人自备', ...opts });
const STEPS = (...names: string[]) => names.map((name) => ({ name }));
const FOUR_STEPS = STEPS('受理', '审查', '决定', '送达');

interface DemoItem extends Omit<ContentInput, 'officeId' | 'implementationCode' | 'level' | 'serviceObjects' | 'onlineDepth'> {
  department: Department;
  serial: string;
}

const ITEMS: DemoItem[] = [
  {
    department: 'housing', serial: '001', basicCode: '000114001000', name: '建筑工程施工许可证核发', typeCode: '01',
    legalBasis: '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号，2021年修正）第六条',
    statutoryLimit: 7, statutoryNote: '《建筑工程施工许可管理办法》第六条：发证机关自收到申请之日起七日内颁发施工许可证；按工作日计', committedLimit: 3, committedNote: '施工许可阶段并联审批',
    conditions: '已办理用地批准手续；在城市、镇规划区内的已取得建设工程规划许可证；施工场地已基本具备施工条件；已确定施工企业；有满足施工需要的资金安排、施工图纸及技术资料；有保证工程质量和安全的具体措施',
    steps: FOUR_STEPS, fees: '', visits: 0, resultName: '建筑工程施工许可证', place: '中牟县政务服务中心住建窗口', stepsBefore: 6, materialsBefore: 9,
    materials: [m('建筑工程施工许可证申请表', { form: 'electronic' }), m('建设工程规划许可证', { source: '政府部门核发' }), m('施工合同', { deficiency: true }),
      m('施工图设计文件审查合格书', { source: '政府部门核发' }), m('建设资金落实承诺书', { deficiency: true }), m('质量安全措施', { required: false })],
  },
  {
    department: 'housing', serial: '002', basicCode: '000114003000', name: '特殊建设工程消防设计审查', typeCode: '01',
    legalBasis: '《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》（住房和城乡建设部令第51号）第十五条、第二十二条',
    statutoryLimit: 15, statutoryNote: '暂行规定第二十二条：自受理之日起十五个工作日内出具书面审查意见；专家评审不超过二十个工作日，不计入', committedLimit: 7, committedNote: '',
    conditions: '属于特殊建设工程；设计单位具有相应资质；消防设计文件符合国家工程建设消防技术标准',
    steps: STEPS('受理', '技术审查', '审查意见'), fees: '', visits: 0, resultName: '特殊建设工程消防设计审查意见书', place: '', stepsBefore: 5, materialsBefore: 6,
    materials: [m('消防设计审查申请表', { form: 'electronic' }), m('消防设计文件'), m('依法需要办理建设工程规划许可的，建设工程规划许可文件', { source: '政府部门核发', deficiency: true }),
      m('特殊消防设计技术资料', { required: false })],
  },
  {
    department: 'planning', serial: '001', basicCode: '000172003000', name: '建设用地规划许可证核发', typeCode: '01',
    legalBasis: '《中华人民共和国城乡规划法》第三十七条、第三十八条；《中华人民共和国行政许可法》第四十二条',
    statutoryLimit: 20, statutoryNote: '城乡规划法未另定期限，依行政许可法第四十二条为二十个工作日', committedLimit: 5, committedNote: '',
    conditions: '建设项目已依法批准、核准或备案；以出让方式取得国有土地使用权的，已签订国有土地使用权出让合同',
    steps: FOUR_STEPS, fees: '', visits: 1, resultName: '建设用地规划许可证', place: '', stepsBefore: 5, materialsBefore: 7,
    materials: [m('建设用地规划许可申请表', { form: 'electronic' }), m('建设项目批准、核准或备案文件', { source: '政府部门核发' }), m('国有土地使用权出让合同', { deficiency: true }),
      m('宗地图及界址点坐标', { form: 'electronic' })],
  },
  {
    department: 'planning', serial: '002', basicCode: '000172004000', name: '建设工程规划许可证核发', typeCode: '01',
    legalBasis: '《中华人民共和国城乡规划法》第四十条；《中华人民共和国行政许可法》第四十二条',
    statutoryLimit: 20, statutoryNote: '依行政许可法第四十二条为二十个工作日', committedLimit: 5, committedNote: '联合审图',
    conditions: '已取得建设用地规划许可证和土地权属证明；建设工程设计方案符合控制性详细规划和规划条件',
    steps: FOUR_STEPS, fees: '', visits: 1, resultName: '建设工程规划许可证', place: '', stepsBefore: 6, materialsBefore: 8,
    materials: [m('建设工程规划许可申请表', { form: 'electronic' }), m('土地权属证明文件', { source: '政府部门核发' }), m('建设工程设计方案总平面图及建筑单体图', { form: 'electronic' }),
      m('建设工程设计方案审查意见', { deficiency: true, source: '政府部门核发' })],
  },
  {
    department: 'civil-defence', serial: '001', basicCode: '000149001000', name: '结合民用建筑修建防空地下室审批', typeCode: '01',
    legalBasis: '《中华人民共和国人民防空法》第二十二条；《中华人民共和国行政许可法》第四十二条',
    statutoryLimit: 20, statutoryNote: '依行政许可法第四十二条为二十个工作日', committedLimit: 5, committedNote: '',
    conditions: '城市规划区内新建民用建筑；防空地下室设计符合人民防空工程战术技术要求',
    steps: STEPS('受理', '审查', '决定'), fees: '按规定缴纳防空地下室易地建设费（确需易地建设的）', visits: 0, resultName: '人防工程建设审批意见', place: '', stepsBefore: 5, materialsBefore: 6,
    materials: [m('人防工程建设审批申请表', { form: 'electronic' }), m('建设工程规划许可证', { source: '政府部门核发', deficiency: true }), m('防空地下室设计图纸', { form: 'electronic' })],
  },
  {
    department: 'water', serial: '001', basicCode: '000157010000', name: '生产建设项目水土保持方案审批', typeCode: '01',
    legalBasis: '《中华人民共和国水土保持法》第二十五条、第二十六条；《生产建设项目水土保持方案管理办法》（水利部令第53号）第十六条',
    statutoryLimit: 10, statutoryNote: '报告书：自受理之日起十个工作日内决定，经负责人批准可延长十个工作日；技术评审不计入，不超过三十个工作日；报告表实行承诺制，受理后即时办结',
    committedLimit: 5, committedNote: '', conditions: '征占地面积 0.5 公顷以上或挖填土石方总量 1000 立方米以上的生产建设项目',
    steps: STEPS('受理', '技术评审', '决定'), fees: '', visits: 0, resultName: '水土保持方案批复', place: '', stepsBefore: 5, materialsBefore: 4,
    materials: [m('水土保持方案审批申请', { form: 'electronic' }), m('水土保持方案报告书', { form: 'electronic' })],
  },
  {
    department: 'market', serial: '001', basicCode: '000136001000', name: '企业设立登记', typeCode: '01',
    legalBasis: '《中华人民共和国市场主体登记管理条例》第三条、第十九条',
    statutoryLimit: 3, statutoryNote: '条例第十九条：材料齐全的当场登记；不能当场登记的三个工作日内登记，情形复杂的经负责人批准可再延长三个工作日', committedLimit: 1, committedNote: '企业开办全程网办',
    conditions: '申请材料齐全、符合法定形式；名称、住所、经营范围等符合规定',
    steps: STEPS('申请', '审核登记'), fees: '', visits: 0, resultName: '营业执照', place: '', stepsBefore: 4, materialsBefore: 6,
    materials: [m('公司登记（备案）申请书', { form: 'electronic' }), m('公司章程', { form: 'electronic' }), m('股东主体资格证明或自然人身份证明'), m('住所使用相关文件', { deficiency: false })],
  },
  {
    department: 'market', serial: '002', basicCode: '000136020000', name: '食品经营许可', typeCode: '01',
    legalBasis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）',
    statutoryLimit: 10, statutoryNote: '办法：自受理申请之日起十个工作日内作出是否准予许可的决定，因特殊原因可延长五个工作日', committedLimit: 5, committedNote: '',
    conditions: '具有与经营的食品品种、数量相适应的经营场所、设备设施、食品安全管理人员和管理制度',
    steps: STEPS('受理', '审查（含现场核查）', '决定'), fees: '', visits: 1, resultName: '食品经营许可证', place: '', stepsBefore: 5, materialsBefore: 7,
    materials: [m('食品经营许可申请书', { form: 'electronic' }), m('营业执照', { source: '政府部门核发' }), m('经营场所平面图和设备布局图', { deficiency: true }),
      m('食品安全自查、从业人员健康管理等制度', { deficiency: true })],
  },
  {
    department: 'market', serial: '003', basicCode: '000136019000', name: '食品生产许可', typeCode: '01',
    legalBasis: '《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》（国家市场监督管理总局令第24号）第二十条',
    statutoryLimit: 10, statutoryNote: '办法第二十条：自受理申请之日起十个工作日内作出决定，因特殊原因可延长五个工作日（2015 年版为二十个工作日）', committedLimit: 5, committedNote: '',
    conditions: '具有与生产的食品品种、数量相适应的生产场所、设备设施、专业技术人员和管理人员及食品安全管理制度',
    steps: STEPS('受理', '材料审查', '现场核查', '决定'), fees: '', visits: 1, resultName: '食品生产许可证', place: '', stepsBefore: 6, materialsBefore: 8,
    materials: [m('食品生产许可申请书', { form: 'electronic' }), m('食品生产设备布局图和食品生产工艺流程图'), m('食品生产主要设备、设施清单'),
      m('食品安全管理制度', { deficiency: true })],
  },
  {
    department: 'police', serial: '001', basicCode: '000108121000', name: '公章刻制备案', typeCode: '10',
    legalBasis: '《国务院关于第三批取消中央指定地方实施行政许可事项的决定》（国发〔2017〕7号）；《印铸刻字业暂行管理规则》',
    statutoryLimit: 1, statutoryNote: '法律法规未规定办理期限，按河南省政务服务事项实施清单一个工作日（待核）', committedLimit: 0.5, committedNote: '企业开办套餐当日办结',
    conditions: '已取得营业执照或其他设立证明', steps: STEPS('备案'), fees: '', visits: 0, resultName: '公章刻制备案回执', place: '中牟县政务服务中心企业开办专区', stepsBefore: 3, materialsBefore: 4,
    materials: [m('营业执照', { source: '政府部门核发' }), m('法定代表人身份证件')],
  },
  {
    department: 'tax', serial: '001', basicCode: '000113002000', name: '发票领用', typeCode: '20',
    legalBasis: '《中华人民共和国发票管理办法》第十五条；《中华人民共和国发票管理办法实施细则》',
    statutoryLimit: 5, statutoryNote: '按税务机关办税事项时限五个工作日（待核）', committedLimit: 0, committedNote: '即办',
    conditions: '已办理税务登记（信息确认）的纳税人', steps: STEPS('申请', '确认发放'), fees: '', visits: 0, resultName: '发票', place: '', stepsBefore: 3, materialsBefore: 4,
    materials: [m('发票领用申请（网上提交）', { form: 'electronic' }), m('经办人身份证件')],
  },
  {
    department: 'hrss', serial: '001', basicCode: '000115001000', name: '单位社会保险登记', typeCode: '07',
    legalBasis: '《中华人民共和国社会保险法》第五十七条；《社会保险费征缴暂行条例》第七条',
    statutoryLimit: 15, statutoryNote: '社会保险法第五十七条：自收到申请之日起十五日内予以审核；按工作日计', committedLimit: 1, committedNote: '与企业设立登记信息共享',
    conditions: '依法成立的用人单位，自成立之日起三十日内申请', steps: STEPS('申请', '审核'), fees: '', visits: 0, resultName: '社会保险登记信息', place: '', stepsBefore: 3, materialsBefore: 3,
    materials: [m('营业执照', { source: '政府部门核发' })],
  },
  {
    department: 'urban', serial: '001', basicCode: '000166010000', name: '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批', typeCode: '01',
    legalBasis: '《城市市容和环境卫生管理条例》第十一条；《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）第107项',
    statutoryLimit: 20, statutoryNote: '法规未另定期限，依行政许可法第四十二条为二十个工作日', committedLimit: 5, committedNote: '开办餐馆“一件事”：门头招牌与执照同步办理',
    conditions: '招牌、广告设施的设置符合城市容貌标准和户外广告设置规划，结构安全', steps: STEPS('受理', '审查（含现场踏勘）', '决定'), fees: '', visits: 1,
    resultName: '户外招牌设置许可决定书', place: '', stepsBefore: 5, materialsBefore: 6,
    materials: [m('户外招牌设置申请表', { form: 'electronic' }), m('营业执照', { source: '政府部门核发' }), m('住所使用相关文件'),
      m('招牌设计效果图及尺寸、材质说明', { deficiency: true })],
  },
  {
    department: 'fire', serial: '001', basicCode: '000173002000', name: '公众聚集场所投入使用、营业前消防安全检查', typeCode: '01',
    legalBasis: '《中华人民共和国消防法》第十五条；《公众聚集场所投入使用、营业消防安全检查规则》',
    statutoryLimit: 10, statutoryNote: '消防法第十五条：不采用告知承诺的，自受理申请之日起十个工作日内检查，自检查之日起三个工作日内作出决定（按十个工作日计）', committedLimit: 5, committedNote: '',
    conditions: '场所符合消防技术标准和管理规定；已依法通过消防验收或备案', steps: STEPS('受理', '现场检查', '决定'), fees: '', visits: 1,
    resultName: '公众聚集场所投入使用、营业前消防安全检查合格证', place: '', stepsBefore: 5, materialsBefore: 7,
    materials: [m('公众聚集场所投入使用、营业消防安全检查申报表', { form: 'electronic' }), m('营业执照', { source: '政府部门核发' }), m('住所使用相关文件'),
      m('消防安全制度、灭火和应急疏散预案', { deficiency: true })],
  },
];

/** Creates and publishes the demo items for the departments (`county-410122-<department>` keys); returns their ids by implementation code. */
export async function loadDemoServiceItems(db: Db, actor: Actor, offices: Record<string, number>): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const { department, serial, ...item } of ITEMS) {
    const officeId = offices[`county-410122-${department}`];
    if (officeId === undefined) continue;
    const implementationCode = `${usccOf(department)}${item.basicCode}${serial}`;
    const created = await createServiceItem(db, actor, {
      ...item, implementationCode, officeId, level: 'county', serviceObjects: ['legal_person'], onlineDepth: item.visits ? '3' : '4',
    });
    await actOnServiceItem(db, actor, created.id, 'publish', created.version);
    ids[implementationCode] = created.id;
  }
  return ids;
}

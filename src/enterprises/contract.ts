/**
 * What the enterprise registry API (企业库) speaks, shared by the server and the web app: the
 * kinds, sizes and credit standings with their names, an enterprise as shown, what creating or
 * changing one sends, the import report. Constants and types only, so the browser bundle can
 * take it as it is; the rules stay in rules.ts.
 */
import type { EnterpriseSectionContent } from '../platform/contract.js';

/**
 * Registration categories of the market-entity register (《市场主体登记管理条例》 and the
 * company, partnership, sole-proprietorship and cooperative laws it rests on).
 */
export const ENTERPRISE_KINDS = [
  'limited_liability', 'joint_stock', 'state_owned', 'collective', 'sole_proprietorship', 'partnership', 'foreign_invested', 'branch',
  'individual_business', 'farmers_cooperative',
] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];

export const ENTERPRISE_KIND_NAMES: Record<EnterpriseKind, { zh: string; en: string }> = {
  limited_liability: { zh: '有限责任公司', en: 'limited liability company' },
  joint_stock: { zh: '股份有限公司', en: 'joint-stock company' },
  state_owned: { zh: '全民所有制企业', en: 'state-owned enterprise' },
  collective: { zh: '集体所有制企业', en: 'collective enterprise' },
  sole_proprietorship: { zh: '个人独资企业', en: 'sole proprietorship' },
  partnership: { zh: '合伙企业', en: 'partnership' },
  foreign_invested: { zh: '外商投资企业', en: 'foreign-invested enterprise' },
  branch: { zh: '分支机构', en: 'branch' },
  individual_business: { zh: '个体工商户', en: 'individual business' },
  farmers_cooperative: { zh: '农民专业合作社', en: "farmers' cooperative" },
};

/**
 * Industrial classification for national economic activities, GB/T 4754-2017 (国民经济行业分类,
 * issued by the General Administration of Quality Supervision and the Standardization
 * Administration on 2017-06-30, in force from 2017-10-01; amendment No. 1 of 2019 changed only
 * classes below the divisions): its 20 sections (门类, A–T), each with its divisions (大类, 01–97),
 * and the divisions' names, as the standard's table lists them. No npm package carries the
 * classification, so it is written out here from the standard; industries.test.ts checks the
 * counts, the ranges and known entries. The rules over it are in industries.ts.
 */
export interface IndustrySection {
  code: string;
  name: string;
  /** Its divisions, in order. */
  divisions: readonly string[];
}

export const INDUSTRY_SECTIONS: readonly IndustrySection[] = [
  { code: 'A', name: '农、林、牧、渔业', divisions: ['01', '02', '03', '04', '05'] },
  { code: 'B', name: '采矿业', divisions: ['06', '07', '08', '09', '10', '11', '12'] },
  { code: 'C', name: '制造业', divisions: ['13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '38', '39', '40', '41', '42', '43'] },
  { code: 'D', name: '电力、热力、燃气及水生产和供应业', divisions: ['44', '45', '46'] },
  { code: 'E', name: '建筑业', divisions: ['47', '48', '49', '50'] },
  { code: 'F', name: '批发和零售业', divisions: ['51', '52'] },
  { code: 'G', name: '交通运输、仓储和邮政业', divisions: ['53', '54', '55', '56', '57', '58', '59', '60'] },
  { code: 'H', name: '住宿和餐饮业', divisions: ['61', '62'] },
  { code: 'I', name: '信息传输、软件和信息技术服务业', divisions: ['63', '64', '65'] },
  { code: 'J', name: '金融业', divisions: ['66', '67', '68', '69'] },
  { code: 'K', name: '房地产业', divisions: ['70'] },
  { code: 'L', name: '租赁和商务服务业', divisions: ['71', '72'] },
  { code: 'M', name: '科学研究和技术服务业', divisions: ['73', '74', '75'] },
  { code: 'N', name: '水利、环境和公共设施管理业', divisions: ['76', '77', '78', '79'] },
  { code: 'O', name: '居民服务、修理和其他服务业', divisions: ['80', '81', '82'] },
  { code: 'P', name: '教育', divisions: ['83'] },
  { code: 'Q', name: '卫生和社会工作', divisions: ['84', '85'] },
  { code: 'R', name: '文化、体育和娱乐业', divisions: ['86', '87', '88', '89', '90'] },
  { code: 'S', name: '公共管理、社会保障和社会组织', divisions: ['91', '92', '93', '94', '95', '96'] },
  { code: 'T', name: '国际组织', divisions: ['97'] },
];

/** Division code → name. */
export const INDUSTRY_DIVISIONS: Readonly<Record<string, string>> = {
  '01': '农业', '02': '林业', '03': '畜牧业', '04': '渔业', '05': '农、林、牧、渔专业及辅助性活动',
  '06': '煤炭开采和洗选业', '07': '石油和天然气开采业', '08': '黑色金属矿采选业', '09': '有色金属矿采选业', '10': '非金属矿采选业',
  '11': '开采专业及辅助性活动', '12': '其他采矿业',
  '13': '农副食品加工业', '14': '食品制造业', '15': '酒、饮料和精制茶制造业', '16': '烟草制品业', '17': '纺织业',
  '18': '纺织服装、服饰业', '19': '皮革、毛皮、羽毛及其制品和制鞋业', '20': '木材加工和木、竹、藤、棕、草制品业', '21': '家具制造业',
  '22': '造纸和纸制品业', '23': '印刷和记录媒介复制业', '24': '文教、工美、体育和娱乐用品制造业', '25': '石油、煤炭及其他燃料加工业',
  '26': '化学原料和化学制品制造业', '27': '医药制造业', '28': '化学纤维制造业', '29': '橡胶和塑料制品业', '30': '非金属矿物制品业',
  '31': '黑色金属冶炼和压延加工业', '32': '有色金属冶炼和压延加工业', '33': '金属制品业', '34': '通用设备制造业', '35': '专用设备制造业',
  '36': '汽车制造业', '37': '铁路、船舶、航空航天和其他运输设备制造业', '38': '电气机械和器材制造业', '39': '计算机、通信和其他电子设备制造业',
  '40': '仪器仪表制造业', '41': '其他制造业', '42': '废弃资源综合利用业', '43': '金属制品、机械和设备修理业',
  '44': '电力、热力生产和供应业', '45': '燃气生产和供应业', '46': '水的生产和供应业',
  '47': '房屋建筑业', '48': '土木工程建筑业', '49': '建筑安装业', '50': '建筑装饰、装修和其他建筑业',
  '51': '批发业', '52': '零售业',
  '53': '铁路运输业', '54': '道路运输业', '55': '水上运输业', '56': '航空运输业', '57': '管道运输业', '58': '多式联运和运输代理业',
  '59': '装卸搬运和仓储业', '60': '邮政业',
  '61': '住宿业', '62': '餐饮业',
  '63': '电信、广播电视和卫星传输服务', '64': '互联网和相关服务', '65': '软件和信息技术服务业',
  '66': '货币金融服务', '67': '资本市场服务', '68': '保险业', '69': '其他金融业',
  '70': '房地产业',
  '71': '租赁业', '72': '商务服务业',
  '73': '研究和试验发展', '74': '专业技术服务业', '75': '科技推广和应用服务业',
  '76': '水利管理业', '77': '生态保护和环境治理业', '78': '公共设施管理业', '79': '土地管理业',
  '80': '居民服务业', '81': '机动车、电子产品和日用产品修理业', '82': '其他服务业',
  '83': '教育',
  '84': '卫生', '85': '社会工作',
  '86': '新闻和出版业', '87': '广播、电视、电影和录音制作业', '88': '文化艺术业', '89': '体育', '90': '娱乐业',
  '91': '中国共产党机关', '92': '国家机构', '93': '人民政协、民主党派', '94': '社会保障', '95': '群众团体、社会团体和其他成员组织',
  '96': '基层群众自治组织及其他组织',
  '97': '国际组织',
};

/** 《统计上大中小微型企业划分办法（2017）》. */
export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
export const ENTERPRISE_SIZE_NAMES: Record<EnterpriseSize, { zh: string; en: string }> = {
  large: { zh: '大型', en: 'large' }, medium: { zh: '中型', en: 'medium' }, small: { zh: '小型', en: 'small' }, micro: { zh: '微型', en: 'micro' },
};

/** The credit standing deficiency acceptance and inspections read (守信 / 一般 / 失信). */
export const CREDIT_STANDINGS = ['good', 'normal', 'bad'] as const;
export type CreditStanding = (typeof CREDIT_STANDINGS)[number];
export const CREDIT_NAMES: Record<CreditStanding, { zh: string; en: string }> = {
  good: { zh: '守信', en: 'good' }, normal: { zh: '一般', en: 'normal' }, bad: { zh: '失信', en: 'bad' },
};

export interface EnterpriseContact {
  name: string;
  /** 职务, e.g. 总经理, 财务负责人. */
  role: string;
  phone: string;
}

/** An enterprise as the registry lists it and every registry command answers. */
export interface EnterpriseView {
  id: number;
  uscc: string;
  /** Why a code failing the check character was accepted (an administrator's decision), or null. */
  usccOverrideReason: string | null;
  name: string;
  kind: EnterpriseKind;
  legalRepresentative: string | null;
  address: string | null;
  regionCode: string;
  regionName: string;
  /** GB/T 4754-2017 section letter (门类) and two-digit division (大类), null when not recorded. */
  industrySection: string | null;
  industryDivision: string | null;
  industryName: string | null;
  size: EnterpriseSize | null;
  /** YYYY-MM-DD. */
  establishedOn: string | null;
  /** 万元. */
  registeredCapital: number | null;
  keyEnterprise: boolean;
  credit: CreditStanding;
  contacts: EnterpriseContact[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/enterprises. */
export interface EnterpriseInput {
  uscc: string;
  /** Accepts a code whose check character fails (administrators only), saying why. */
  usccOverrideReason?: string | null;
  name: string;
  kind: EnterpriseKind;
  legalRepresentative?: string | null;
  address?: string | null;
  regionCode: string;
  industryDivision?: string | null;
  size?: EnterpriseSize | null;
  establishedOn?: string | null;
  registeredCapital?: number | null;
  keyEnterprise?: boolean;
  credit?: CreditStanding;
  contacts?: EnterpriseContact[];
}

/** PATCH /api/enterprises/:uscc: the fields that change and the version last read. The code itself never changes. */
export type EnterprisePatch = Partial<Omit<EnterpriseInput, 'uscc' | 'usccOverrideReason'>> & { version: number };

/** A person with the `enterprise` role who acts for the enterprise. */
export interface EnterpriseAccount {
  id: number;
  username: string;
  name: string;
  active: boolean;
}

/** One module's work with the enterprise on its page (cases today; applications, visits, inspections as they come). */
export interface EnterpriseSectionView extends EnterpriseSectionContent {
  key: string;
  title: { zh: string; en: string };
}

/** GET /api/enterprises/:uscc: the record, its accounts and everything the viewer may see that the government does with it. */
export interface EnterprisePage extends EnterpriseView {
  accounts: EnterpriseAccount[];
  sections: EnterpriseSectionView[];
  /** What the viewer may do here. */
  canEdit: boolean;
  canEditContacts: boolean;
}

export interface EnterpriseListPage {
  items: EnterpriseView[];
  total: number;
  page: number;
  pageSize: number;
}

/** A bad cell of an import file: its row as the spreadsheet numbers it, and the column. */
export interface ImportProblem {
  row: number;
  field: string;
  messageZh: string;
  messageEn: string;
}

/** What an import did (it writes every row or none). */
export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

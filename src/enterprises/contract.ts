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

/**
 * What the approvals API speaks, shared by the server and the web app: the reference lists of the
 * national service-item catalogue (政务服务事项目录) as the exchange format codes them, and the
 * catalogue's views, guides, report and import results. Constants and types only; its one import
 * is of the platform contract's types.
 *
 * Source of the item types (事项类型): the State Council's catalogue of government service items
 * (国务院办公厅《关于印发全国一体化在线政务服务平台建设政务服务事项基本目录编制规范的通知》) and
 * GB/T 39554.1-2020《全国一体化政务服务平台 政务服务事项基本目录及实施清单 第1部分：编码要求》:
 * ten kinds of administrative power (01–10) and public services (20). The levels (行使层级), service
 * objects (服务对象) and online depth (网上办理深度) follow the same implementation list.
 */
import type { BlockedAction } from '../platform/contract.js';

export const ITEM_TYPES = {
  '01': { zh: '行政许可', en: 'administrative licence' },
  '02': { zh: '行政处罚', en: 'administrative penalty' },
  '03': { zh: '行政强制', en: 'administrative enforcement' },
  '04': { zh: '行政征收', en: 'administrative levy' },
  '05': { zh: '行政给付', en: 'administrative benefit' },
  '06': { zh: '行政检查', en: 'administrative inspection' },
  '07': { zh: '行政确认', en: 'administrative confirmation' },
  '08': { zh: '行政奖励', en: 'administrative reward' },
  '09': { zh: '行政裁决', en: 'administrative adjudication' },
  '10': { zh: '其他行政权力', en: 'other administrative power' },
  '20': { zh: '公共服务', en: 'public service' },
} as const;
export type ItemTypeCode = keyof typeof ITEM_TYPES;
export const ITEM_TYPE_CODES = Object.keys(ITEM_TYPES) as ItemTypeCode[];

export const LEVELS = {
  national: { zh: '国家级', en: 'national' },
  provincial: { zh: '省级', en: 'provincial' },
  municipal: { zh: '市级', en: 'municipal' },
  county: { zh: '县级', en: 'county' },
  township: { zh: '乡级', en: 'township' },
  village: { zh: '村级', en: 'village' },
} as const;
export type Level = keyof typeof LEVELS;
export const LEVEL_CODES = Object.keys(LEVELS) as Level[];

export const SERVICE_OBJECTS = {
  natural_person: { zh: '自然人', en: 'natural person' },
  legal_person: { zh: '法人', en: 'legal person' },
} as const;
export type ServiceObject = keyof typeof SERVICE_OBJECTS;
export const SERVICE_OBJECT_CODES = Object.keys(SERVICE_OBJECTS) as ServiceObject[];

/** 网上办理深度, from information only to handled entirely online. */
export const ONLINE_DEPTHS = {
  '1': { zh: '一级：网上咨询（办事指南、表格下载）', en: 'level 1: information and forms online' },
  '2': { zh: '二级：网上预审', en: 'level 2: online pre-review' },
  '3': { zh: '三级：网上受理', en: 'level 3: accepted online' },
  '4': { zh: '四级：全程网办', en: 'level 4: handled entirely online' },
} as const;
export type OnlineDepth = keyof typeof ONLINE_DEPTHS;
export const ONLINE_DEPTH_CODES = Object.keys(ONLINE_DEPTHS) as OnlineDepth[];

export const MATERIAL_FORMS = {
  paper: { zh: '纸质', en: 'paper' },
  electronic: { zh: '电子', en: 'electronic' },
  both: { zh: '纸质或电子', en: 'paper or electronic' },
} as const;
export type MaterialForm = keyof typeof MATERIAL_FORMS;
export const MATERIAL_FORM_CODES = Object.keys(MATERIAL_FORMS) as MaterialForm[];

export const ITEM_STATUSES = {
  draft: { zh: '草稿', en: 'draft' },
  published: { zh: '已发布', en: 'published' },
  retired: { zh: '已停用', en: 'retired' },
} as const;
export type ItemStatus = keyof typeof ITEM_STATUSES;
export const ITEM_STATUS_CODES = Object.keys(ITEM_STATUSES) as ItemStatus[];

/** What staff do to an item (lifecycle.ts says who may). */
export type ItemAction = 'update' | 'publish' | 'retire';

/** The reductions the seeds count against the statutory limit and the old process (seed 004: time −50 %, steps −20 %, materials −30 %). */
export const REDUCTION_TARGETS = { time: 0.5, steps: 0.2, materials: 0.3 } as const;

/** One material (申请材料) of an item's version; its id is what an application's checklist references. */
export interface MaterialContent {
  name: string;
  required: boolean;
  /** May be supplied later under deficiency acceptance (容缺受理). */
  deficiency: boolean;
  form: MaterialForm;
  /** Where it comes from: 申请人自备, 政府部门核发… */
  source: string;
  note: string;
  /** Uploaded files of the item: the blank form (空白表格) and a filled-in sample (示例样表). */
  blankFormFileId: number | null;
  sampleFileId: number | null;
}

export interface ProcessStep {
  name: string;
  note: string;
}

/** An item's content: what one version holds (the national exchange fields). */
export interface ServiceItemContent {
  basicCode: string;
  /** 实施编码: the implementing agency's unified social credit code (18) followed by the item's own digits. */
  implementationCode: string;
  name: string;
  typeCode: ItemTypeCode;
  legalBasis: string;
  level: Level;
  /** The implementing department (an office). */
  officeId: number;
  serviceObjects: ServiceObject[];
  /** In working days, from acceptance (the day of acceptance not counted); multiples of 0.5. */
  statutoryLimit: number;
  statutoryNote: string;
  committedLimit: number;
  committedNote: string;
  conditions: string;
  steps: ProcessStep[];
  /** Empty: free of charge. */
  fees: string;
  /** 到办事现场次数. */
  visits: number;
  onlineDepth: OnlineDepth;
  resultName: string;
  /** Where to apply (办理地点); empty: the department's own hall. */
  place: string;
  /** The counts before the reform (流程再造), when recorded: the baseline of the steps and materials reductions. */
  stepsBefore: number | null;
  materialsBefore: number | null;
  materials: MaterialContent[];
}

export interface StoredMaterial extends MaterialContent {
  /** What an application's checklist references. */
  id: number;
}

/** One version as stored: its content with the materials' ids. */
export interface StoredVersion extends Omit<ServiceItemContent, 'materials'> {
  versionId: number;
  itemId: number;
  revision: number;
  createdAt: string;
  createdByName: string;
  materials: StoredMaterial[];
}

export interface ServiceItemView {
  id: number;
  status: ItemStatus;
  /** Quote it to change the item; a stale one answers 409. */
  version: number;
  /** The current version's number; earlier ones at /versions. */
  revision: number;
  publishedAt: string | null;
  officeName: string;
  regionCode: string;
  regionName: string;
  current: StoredVersion;
  actions: ItemAction[];
  blockedActions: BlockedAction<ItemAction>[];
}

export interface ServiceItemSummary {
  id: number;
  status: ItemStatus;
  version: number;
  revision: number;
  implementationCode: string;
  name: string;
  typeCode: ItemTypeCode;
  officeId: number;
  officeName: string;
  regionCode: string;
  statutoryLimit: number;
  committedLimit: number;
  materials: number;
  updatedAt: string;
}

export interface VersionSummary {
  revision: number;
  versionId: number;
  name: string;
  statutoryLimit: number;
  committedLimit: number;
  createdAt: string;
  createdByName: string;
}

export interface PublicMaterial {
  id: number;
  name: string;
  required: boolean;
  deficiency: boolean;
  form: string;
  source: string;
  note: string;
  blankForm: { id: number; fileName: string } | null;
  sample: { id: number; fileName: string } | null;
}

/** A service guide (办事指南): what the public reads of a published item's current version. */
export interface ServiceGuide extends Omit<StoredVersion, 'materials' | 'createdByName' | 'stepsBefore' | 'materialsBefore'> {
  departmentName: string;
  regionName: string;
  /** Where to apply: the item's place, else the department. */
  whereToApply: string;
  publishedAt: string | null;
  materials: PublicMaterial[];
}

export interface ReportRow {
  key: string;
  /** The department's or region's name. */
  name: string;
  items: number;
  averageStatutory: number;
  averageCommitted: number;
  /** 1 − Σ committed / Σ statutory over the items with a statutory limit; null when none has. */
  timeSaved: number | null;
  averageSteps: number;
  averageMaterials: number;
  /** 1 − Σ steps / Σ steps before, over the items whose baseline is recorded; null when none is. */
  stepsReduction: number | null;
  materialsReduction: number | null;
  /** Items with a recorded baseline (of the steps, of the materials). */
  stepsBaselineItems: number;
  materialsBaselineItems: number;
}

export interface CatalogueReport {
  by: 'office' | 'region';
  targets: typeof REDUCTION_TARGETS;
  rows: ReportRow[];
  total: ReportRow;
}

/** Where a problem of an import sits: a sheet's row and column, or a JSON item's index (row = index + 1) and field. */
export interface RowProblem {
  sheet?: string;
  row: number;
  field: string;
  code: string;
  zh: string;
  en: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  published: number;
}

/** `GET /api/service-items` and `/api/public/service-items`: search, filters and the page. */
export interface ServiceItemFilter {
  q?: string;
  officeId?: number;
  status?: ItemStatus;
  typeCode?: ItemTypeCode;
  page?: number;
  pageSize?: number;
}

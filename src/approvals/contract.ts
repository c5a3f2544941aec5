/**
 * What the approvals API answers that the web app reads too: the catalogue's views, guides,
 * report and import results (types only; the reference lists are in reference.ts).
 */
import type { BlockedAction } from '../platform/contract.js';
import type { ItemAction, ItemStatus, ItemTypeCode, MaterialContent, REDUCTION_TARGETS, ServiceItemContent } from './reference.js';

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

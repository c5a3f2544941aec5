/**
 * The catalogue's pure rules (no I/O): the lint every item's content passes before it is written
 * (one item, or a batch as an import brings it), and the reductions the catalogue report counts.
 */
import { usccProblem } from '../enterprises/uscc.js';
import {
  ITEM_TYPE_CODES, LEVEL_CODES, MATERIAL_FORM_CODES, ONLINE_DEPTH_CODES, SERVICE_OBJECT_CODES, type ServiceItemContent,
} from './contract.js';

/** One thing wrong with an item's content, naming the field (`committedLimit`, `materials[2].name`). */
export interface LintProblem {
  field: string;
  code: string;
  zh: string;
  en: string;
}

/** A supplement deadline under deficiency acceptance is at least 2 working days shorter than the committed limit (RULES.md), and at least 1 day long. */
export const DEFICIENCY_MARGIN_DAYS = 2;

const isHalfDays = (n: number) => Number.isFinite(n) && Number.isInteger(n * 2);

function limitProblems(field: 'statutoryLimit' | 'committedLimit', zh: string, value: number): LintProblem[] {
  if (!isHalfDays(value)) return [{ field, code: 'limit_not_half_days', zh: `${zh}须以 0.5 个工作日为单位`, en: `The ${field} must be a whole number of half working days` }];
  if (value < 0) return [{ field, code: 'negative_limit', zh: `${zh}不能为负数（${value}）`, en: `The ${field} cannot be negative (${value})` }];
  if (value > 365) return [{ field, code: 'limit_too_long', zh: `${zh}超过 365 个工作日`, en: `The ${field} is longer than 365 working days` }];
  return [];
}

const blank = (s: string) => s.trim() === '';

/** Everything wrong with one item's content; empty when it may be written. */
export function lintItem(c: ServiceItemContent): LintProblem[] {
  const problems: LintProblem[] = [];
  const add = (field: string, code: string, zh: string, en: string) => problems.push({ field, code, zh, en });
  if (blank(c.name)) add('name', 'name_missing', '事项名称不能为空', 'The name must not be empty');
  if (!/^[0-9A-Za-z-]{1,40}$/.test(c.basicCode)) add('basicCode', 'basic_code_invalid', `基本编码「${c.basicCode}」须为 1–40 位字母、数字或连字符`, `The basic code "${c.basicCode}" must be 1–40 letters, digits or hyphens`);
  const code = c.implementationCode;
  if (!/^[0-9A-Z]{19,60}$/.test(code)) {
    add('implementationCode', 'implementation_code_invalid', `实施编码「${code}」须为 19–60 位大写字母或数字，以实施机构的统一社会信用代码开头`,
      `The implementation code "${code}" must be 19–60 capital letters or digits, starting with the implementing agency's unified social credit code`);
  } else if (usccProblem(code.slice(0, 18))) {
    add('implementationCode', 'implementation_code_uscc', `实施编码的前 18 位「${code.slice(0, 18)}」不是有效的统一社会信用代码`,
      `The first 18 characters of the implementation code ("${code.slice(0, 18)}") are not a valid unified social credit code`);
  }
  if (!ITEM_TYPE_CODES.includes(c.typeCode)) add('typeCode', 'type_unknown', `事项类型「${c.typeCode}」不在国家目录的类型中`, `The item type "${c.typeCode}" is not one of the national catalogue's types`);
  if (!LEVEL_CODES.includes(c.level)) add('level', 'level_unknown', `行使层级「${c.level}」未知`, `The level "${c.level}" is unknown`);
  if (!ONLINE_DEPTH_CODES.includes(c.onlineDepth)) add('onlineDepth', 'online_depth_unknown', `网办深度「${c.onlineDepth}」未知`, `The online depth "${c.onlineDepth}" is unknown`);
  if (blank(c.legalBasis)) add('legalBasis', 'legal_basis_missing', '设定依据不能为空', 'The legal basis must not be empty');
  if (c.serviceObjects.length === 0) add('serviceObjects', 'service_object_missing', '至少选择一种服务对象（自然人、法人）', 'Choose at least one service object (natural person, legal person)');
  c.serviceObjects.forEach((o, i) => {
    if (!SERVICE_OBJECT_CODES.includes(o)) add(`serviceObjects[${i}]`, 'service_object_unknown', `服务对象「${o}」未知`, `The service object "${o}" is unknown`);
  });
  if (new Set(c.serviceObjects).size !== c.serviceObjects.length) add('serviceObjects', 'service_object_repeated', '服务对象重复', 'A service object is repeated');
  const statutory = limitProblems('statutoryLimit', '法定时限', c.statutoryLimit);
  const committed = limitProblems('committedLimit', '承诺时限', c.committedLimit);
  problems.push(...statutory, ...committed);
  if (!statutory.length && !committed.length && c.committedLimit > c.statutoryLimit) {
    add('committedLimit', 'committed_above_statutory', `承诺时限（${c.committedLimit} 个工作日）不能长于法定时限（${c.statutoryLimit} 个工作日）`,
      `The committed limit (${c.committedLimit} working days) cannot be longer than the statutory limit (${c.statutoryLimit} working days)`);
  }
  if (!Number.isInteger(c.visits) || c.visits < 0 || c.visits > 10) add('visits', 'visits_invalid', '到现场次数须为 0–10 的整数', 'The on-site visits must be a whole number from 0 to 10');
  for (const [field, zh, value] of [['stepsBefore', '改革前环节数', c.stepsBefore], ['materialsBefore', '改革前材料数', c.materialsBefore]] as const) {
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 1000)) add(field, 'baseline_invalid', `${zh}须为 0–1000 的整数`, `The ${field} must be a whole number from 0 to 1000`);
  }
  c.steps.forEach((s, i) => {
    if (blank(s.name)) add(`steps[${i}].name`, 'step_name_missing', `第 ${i + 1} 个办理环节没有名称`, `Process step ${i + 1} has no name`);
  });
  const seen = new Map<string, number>();
  c.materials.forEach((m, i) => {
    const field = `materials[${i}]`;
    if (blank(m.name)) {
      add(`${field}.name`, 'material_name_missing', `第 ${i + 1} 项材料没有名称${m.required ? '（必要材料）' : ''}`, `Material ${i + 1}${m.required ? ' (required)' : ''} has no name`);
    } else {
      const earlier = seen.get(m.name.trim());
      if (earlier !== undefined) add(`${field}.name`, 'material_repeated', `材料「${m.name}」与第 ${earlier + 1} 项重复`, `The material "${m.name}" repeats material ${earlier + 1}`);
      else seen.set(m.name.trim(), i);
    }
    if (!MATERIAL_FORM_CODES.includes(m.form)) add(`${field}.form`, 'material_form_unknown', `材料形式「${m.form}」未知`, `The material form "${m.form}" is unknown`);
    if (m.deficiency && !m.required) {
      add(`${field}.deficiency`, 'deficiency_not_required', `「${m.name}」不是必要材料，无需容缺`, `"${m.name}" is not required, so it cannot be marked for deficiency acceptance`);
    }
  });
  if (c.materials.some((m) => m.deficiency) && !committed.length && c.committedLimit <= DEFICIENCY_MARGIN_DAYS) {
    add('committedLimit', 'deficiency_needs_time', `有可容缺材料时，承诺时限须长于 ${DEFICIENCY_MARGIN_DAYS} 个工作日（补正期限至少比承诺时限短 ${DEFICIENCY_MARGIN_DAYS} 个工作日）`,
      `With materials open to deficiency acceptance the committed limit must exceed ${DEFICIENCY_MARGIN_DAYS} working days (the supplement deadline is at least ${DEFICIENCY_MARGIN_DAYS} working days shorter)`);
  }
  return problems;
}

/** Problems of a batch (an import): each item's own, and implementation codes used twice, by index. */
export function lintBatch(items: readonly ServiceItemContent[]): { index: number; problems: LintProblem[] }[] {
  const first = new Map<string, number>();
  return items.map((item, index) => {
    const problems = lintItem(item);
    const earlier = first.get(item.implementationCode);
    if (earlier !== undefined) {
      problems.push({ field: 'implementationCode', code: 'implementation_code_repeated', zh: `实施编码「${item.implementationCode}」与第 ${earlier + 1} 条重复`, en: `The implementation code "${item.implementationCode}" repeats item ${earlier + 1}` });
    } else first.set(item.implementationCode, index);
    return { index, problems };
  }).filter((r) => r.problems.length > 0);
}

/** 1 − after/before: the share saved; null when there is no baseline. */
export const reduction = (after: number, before: number): number | null => (before > 0 ? 1 - after / before : null);

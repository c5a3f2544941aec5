import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Bodies are checked strictly: no type coercion, unknown fields refused (schemas set
 * additionalProperties: false). Query strings and path parameters are text on the wire, so
 * they are coerced to the declared types.
 */
// ajv-formats is CommonJS whose default export TypeScript cannot see through NodeNext interop.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean) {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, strict: false });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const paramAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : paramAjv).compile(schema as object) as never;

const PART_ZH: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** Turns ajv's errors into one sentence in each language naming every offending field. */
/**
 * A union of literals (TypeBox's `Type.Union([Type.Literal('a'), …])`) fails as one `const` error
 * per literal and an `anyOf`: read together they say "must be one of a, b, c", as an enum would.
 */
function mergeLiteralUnions(errors: ErrorObject[]): ErrorObject[] {
  const literals = new Map<string, unknown[]>();
  for (const e of errors) if (e.keyword === 'const') literals.set(e.instancePath, [...(literals.get(e.instancePath) ?? []), (e.params as { allowedValue: unknown }).allowedValue]);
  if (!literals.size) return errors;
  return errors.flatMap((e): ErrorObject[] => {
    if (e.keyword === 'const') return [];
    if (e.keyword === 'anyOf' && literals.has(e.instancePath)) return [{ ...e, keyword: 'enum', params: { allowedValues: literals.get(e.instancePath) } }];
    return [e];
  });
}

export function describeValidationErrors(errors: ErrorObject[], part: string): { zh: string; en: string; fields: { field: string; problem: string }[] } {
  const fields = mergeLiteralUnions(errors).map((e) => {
    const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required': {
        const f = [base, p.missingProperty].filter(Boolean).join('.');
        return { field: f, zh: `缺少必填字段 ${f}`, en: `${f} is required` };
      }
      case 'additionalProperties': {
        const f = [base, p.additionalProperty].filter(Boolean).join('.');
        return { field: f, zh: `不认识的字段 ${f}`, en: `unknown field ${f}` };
      }
      case 'type':
        return { field: base, zh: `字段 ${base || '(整体)'} 应为 ${p.type}`, en: `${base || 'the value'} must be of type ${p.type}` };
      case 'minLength':
        return { field: base, zh: `字段 ${base} 至少 ${p.limit} 个字符`, en: `${base} must have at least ${p.limit} characters` };
      case 'maxLength':
        return { field: base, zh: `字段 ${base} 最多 ${p.limit} 个字符`, en: `${base} must have at most ${p.limit} characters` };
      case 'minItems':
        return { field: base, zh: `字段 ${base} 至少 ${p.limit} 项`, en: `${base} must have at least ${p.limit} items` };
      case 'maxItems':
        return { field: base, zh: `字段 ${base} 最多 ${p.limit} 项`, en: `${base} must have at most ${p.limit} items` };
      case 'minimum':
      case 'maximum':
        return { field: base, zh: `字段 ${base} 须${e.keyword === 'minimum' ? '不小于' : '不大于'} ${p.limit}`, en: `${base} must be ${e.keyword === 'minimum' ? '>=' : '<='} ${p.limit}` };
      case 'enum':
        return { field: base, zh: `字段 ${base} 只能是 ${(p.allowedValues as unknown[]).join('、')}`, en: `${base} must be one of ${(p.allowedValues as unknown[]).join(', ')}` };
      case 'pattern':
      case 'format':
        return { field: base, zh: `字段 ${base} 格式不对（${e.keyword === 'format' ? p.format : p.pattern}）`, en: `${base} has the wrong format (${e.keyword === 'format' ? p.format : p.pattern})` };
      case 'uniqueItems':
        return { field: base, zh: `字段 ${base} 有重复项`, en: `${base} has duplicate items` };
      default:
        return { field: base, zh: `字段 ${base || '(整体)'} 不合规：${e.message}`, en: `${base || 'the value'} is invalid: ${e.message}` };
    }
  });
  const unique = [...new Map(fields.map((f) => [f.zh, f])).values()];
  return {
    zh: `${PART_ZH[part] ?? part}有误：${unique.map((f) => f.zh).join('；')}`,
    en: `Invalid ${part}: ${unique.map((f) => f.en).join('; ')}`,
    fields: unique.map((f) => ({ field: f.field, problem: f.en })),
  };
}

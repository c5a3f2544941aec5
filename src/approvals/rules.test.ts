import { describe, expect, it } from 'vitest';
import { lintBatch, lintItem, reduction } from './rules.js';
import type { ServiceItemContent } from './contract.js';
import { usccCheckCharacter } from '../enterprises/uscc.js';

const agency = '11410122MB0100F57';
const code = (serial: string) => `${agency}${usccCheckCharacter(agency)}000114001000${serial}`;

const item = (over: Partial<ServiceItemContent> = {}): ServiceItemContent => ({
  basicCode: '000114001000', implementationCode: code('001'), name: '建筑工程施工许可证核发', typeCode: '01', legalBasis: '《建筑法》第八条', level: 'county',
  officeId: 1, serviceObjects: ['legal_person'], statutoryLimit: 7, statutoryNote: '', committedLimit: 3, committedNote: '', conditions: '', steps: [{ name: '受理', note: '' }],
  fees: '', visits: 0, onlineDepth: '4', resultName: '', place: '', stepsBefore: null, materialsBefore: null,
  materials: [{ name: '申请表', required: true, deficiency: false, form: 'paper', source: '', note: '', blankFormFileId: null, sampleFileId: null }], ...over,
});
const fields = (c: ServiceItemContent) => lintItem(c).map((p) => `${p.field}:${p.code}`);

describe('the catalogue lint', () => {
  it('passes a sound item', () => {
    expect(lintItem(item())).toEqual([]);
  });

  it('refuses a committed limit above the statutory one, naming the field in both languages', () => {
    const [problem, ...rest] = lintItem(item({ committedLimit: 8 }));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'committedLimit', code: 'committed_above_statutory' });
    expect(problem.zh).toContain('承诺时限（8 个工作日）不能长于法定时限（7 个工作日）');
    expect(problem.en).toContain('committed limit (8 working days) cannot be longer than the statutory limit (7');
  });

  it('refuses negative limits and limits that are not half days', () => {
    expect(fields(item({ statutoryLimit: -1, committedLimit: -2 }))).toEqual(['statutoryLimit:negative_limit', 'committedLimit:negative_limit']);
    expect(fields(item({ committedLimit: 1.25 }))).toEqual(['committedLimit:limit_not_half_days']);
    expect(fields(item({ statutoryLimit: 0.5, committedLimit: 0.5 }))).toEqual([]);
  });

  it('refuses materials without names, repeated ones, and deficiency on a material that is not required', () => {
    const m = item().materials[0];
    expect(fields(item({ materials: [m, { ...m, name: '  ' }, { ...m, name: '申请表' }, { ...m, name: '承诺书', required: false, deficiency: true }] }))).toEqual([
      'materials[1].name:material_name_missing', 'materials[2].name:material_repeated', 'materials[3].deficiency:deficiency_not_required',
    ]);
    expect(lintItem(item({ materials: [{ ...m, name: '' }] }))[0].zh).toBe('第 1 项材料没有名称（必要材料）');
  });

  it('asks for more than the deficiency margin when a material may be supplied later', () => {
    const m = { ...item().materials[0], deficiency: true };
    expect(fields(item({ committedLimit: 2, materials: [m] }))).toEqual(['committedLimit:deficiency_needs_time']);
    expect(fields(item({ committedLimit: 3, materials: [m] }))).toEqual([]);
  });

  it('checks the codes: the implementation code starts with a valid USCC; the type is a national one', () => {
    const bad = `${agency}${usccCheckCharacter(agency) === '0' ? '1' : '0'}000114001000001`;
    expect(fields(item({ implementationCode: bad }))).toEqual(['implementationCode:implementation_code_uscc']);
    expect(fields(item({ implementationCode: 'abc' }))).toEqual(['implementationCode:implementation_code_invalid']);
    expect(fields(item({ typeCode: '11' as never, serviceObjects: [] }))).toEqual(['typeCode:type_unknown', 'serviceObjects:service_object_missing']);
  });

  it('finds implementation codes used twice in a batch, naming the earlier item', () => {
    const problems = lintBatch([item(), item({ implementationCode: code('002') }), item()]);
    expect(problems).toEqual([{ index: 2, problems: [expect.objectContaining({ field: 'implementationCode', code: 'implementation_code_repeated', zh: expect.stringContaining('第 1 条') })] }]);
  });

  it('counts a reduction only against a baseline', () => {
    expect(reduction(5, 10)).toBe(0.5);
    expect(reduction(3, 0)).toBeNull();
  });
});

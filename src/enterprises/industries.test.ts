import { describe, expect, it } from 'vitest';
import { divisionsOfSection, INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS, industrySectionOf, parseIndustryDivision } from './industries.js';

describe('GB/T 4754-2017 sections and divisions', () => {
  it('has the 20 sections A–T and the 97 divisions 01–97, each division in exactly one section', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const codes = Object.keys(INDUSTRY_DIVISIONS).sort();
    expect(codes).toHaveLength(97);
    expect(codes).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    const bySection = INDUSTRY_SECTIONS.map((s) => divisionsOfSection(s.code).length);
    expect(bySection).toEqual([5, 7, 31, 3, 4, 2, 8, 2, 3, 4, 1, 2, 3, 4, 3, 1, 2, 5, 6, 1]);
    expect(bySection.reduce((a, b) => a + b, 0)).toBe(97);
    // Sections follow one another without gaps or overlaps, and name only divisions that exist.
    expect(INDUSTRY_SECTIONS.flatMap((s) => s.divisions)).toEqual(codes);
  });

  it('names known entries as the standard does', () => {
    expect(INDUSTRY_SECTIONS.find((s) => s.code === 'C')?.name).toBe('制造业');
    expect(INDUSTRY_SECTIONS.find((s) => s.code === 'K')?.name).toBe('房地产业');
    expect(INDUSTRY_SECTIONS.find((s) => s.code === 'I')?.name).toBe('信息传输、软件和信息技术服务业');
    expect(INDUSTRY_DIVISIONS['13']).toBe('农副食品加工业');
    expect(INDUSTRY_DIVISIONS['23']).toBe('印刷和记录媒介复制业');
    expect(INDUSTRY_DIVISIONS['39']).toBe('计算机、通信和其他电子设备制造业');
    expect(INDUSTRY_DIVISIONS['70']).toBe('房地产业');
    expect(INDUSTRY_DIVISIONS['11']).toBe('开采专业及辅助性活动');
    expect(industrySectionOf('39')?.code).toBe('C');
    expect(industrySectionOf('70')?.code).toBe('K');
    expect(industrySectionOf('97')?.code).toBe('T');
    expect(industrySectionOf('98')).toBeNull();
  });

  it('reads a division as spreadsheets write it, and refuses a section that does not hold it', () => {
    expect(parseIndustryDivision('13')).toBe('13');
    expect(parseIndustryDivision('C13')).toBe('13');
    expect(parseIndustryDivision('c 39')).toBe('39');
    expect(parseIndustryDivision('70 房地产业')).toBe('70');
    expect(parseIndustryDivision('1')).toBe('01');
    expect(parseIndustryDivision('印刷和记录媒介复制业')).toBe('23');
    expect(parseIndustryDivision('K13')).toBeNull();
    expect(parseIndustryDivision('98')).toBeNull();
    expect(parseIndustryDivision('131')).toBeNull();
    expect(parseIndustryDivision('制造')).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinArrangements } from './builtin.js';
import { detectFormat, parseArrangementFile } from './import-formats.js';
import type { ImportFormat } from './contract.js';
import { CalendarInputError, createWorkingCalendar, dayInfo, isWorkingDay } from './rules.js';
import type { IsoDate } from './contract.js';

// Real files from github.com/NateScarlet/holiday-cn, saved verbatim.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const holidayCn2012 = fixture('holiday-cn-2012.json');
const holidayCn2020 = fixture('holiday-cn-2020.json');
const holidayCn2024Placeholder = fixture('holiday-cn-2024-placeholder.json');

const official = createWorkingCalendar(builtinArrangements());

const daysOf = (year: number): IsoDate[] => {
  const start = Date.parse(`${year}-01-01T00:00:00Z`);
  const count = (Date.parse(`${year + 1}-01-01T00:00:00Z`) - start) / 86_400_000;
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
};

/** The error thrown by parsing, checked to be a CalendarInputError with the given code. */
function parseError(content: string, format: ImportFormat | undefined, code: string): CalendarInputError {
  try {
    parseArrangementFile(content, format);
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarInputError);
    expect((e as CalendarInputError).code).toBe(code);
    return e as CalendarInputError;
  }
  throw new Error(`expected a CalendarInputError ${code}`);
}

const simple2027 = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-10-01', name: '国庆节' },
  ],
  makeUpWorkdays: [{ date: '2027-10-09', name: '国庆节' }],
};

describe('detectFormat', () => {
  it('recognises each format by extension and content', () => {
    expect(detectFormat('2027.csv', 'date,kind,name\n')).toBe('csv');
    expect(detectFormat('2027.json', JSON.stringify(simple2027))).toBe('simple-json');
    expect(detectFormat('upload', JSON.stringify([simple2027]))).toBe('simple-json');
    expect(detectFormat('2020.json', holidayCn2020)).toBe('holiday-cn');
    expect(detectFormat('holidays.txt', '\uFEFFdate,kind,name\r\n2027-01-01,休,元旦')).toBe('csv');
  });

  it('refuses what it cannot recognise', () => {
    expect(() => detectFormat('notes.txt', 'hello')).toThrow(/unrecognised file format/);
    expect(() => detectFormat('x.json', '{"foo": 1}')).toThrow(/expected a holidays or days field/);
    expect(() => detectFormat('x.json', '{')).toThrow(/not valid JSON/);
  });
});

describe('simple JSON import', () => {
  it('reads one year or an array of years', () => {
    const one = parseArrangementFile(JSON.stringify(simple2027));
    expect(one).toEqual({
      format: 'simple-json',
      arrangements: [
        {
          year: 2027,
          source: 'import:simple-json',
          holidays: { '2027-01-01': '元旦', '2027-10-01': '国庆节' },
          makeUpWorkdays: { '2027-10-09': '国庆节' },
        },
      ],
      warnings: [],
    });
    const two = parseArrangementFile(JSON.stringify([{ ...simple2027, source: '国办发明电〔2026〕X号' }, { year: 2028, holidays: [{ date: '2028-01-01', name: '元旦' }] }]));
    expect(two.arrangements.map((a) => [a.year, a.source])).toEqual([
      [2027, '国办发明电〔2026〕X号'],
      [2028, 'import:simple-json'],
    ]);
  });

  it('makes imported years override the built-in data and cover the year', () => {
    const cal = createWorkingCalendar([...builtinArrangements(), ...parseArrangementFile(JSON.stringify(simple2027)).arrangements]);
    expect(dayInfo(cal, '2027-10-09')).toMatchObject({ kind: 'makeup_workday', dataAvailable: true });
    expect(dayInfo(cal, '2027-10-01')).toMatchObject({ kind: 'holiday', dataAvailable: true });
  });

  it('rejects a date outside the declared year, naming the entry', () => {
    const e = parseError(JSON.stringify({ year: 2027, holidays: [{ date: '2026-12-31', name: '元旦' }] }), 'simple-json', 'import_date_outside_year');
    expect(e.messageEn).toBe('holidays[0]: 2026-12-31 is outside the declared year 2027');
    expect(e.messageZh).toBe('holidays[0]：2026-12-31 不在本条声明的 2027 年内');
  });

  it('rejects an impossible date', () => {
    const e = parseError(JSON.stringify({ ...simple2027, holidays: [...simple2027.holidays, { date: '2027-02-30', name: '春节' }] }), undefined, 'invalid_date');
    expect(e.messageEn).toMatch(/^holidays\[2\]: invalid date .*2027-02-30/);
  });

  it('rejects a date listed both as a holiday and as a make-up day, naming both places', () => {
    const e = parseError(JSON.stringify({ ...simple2027, makeUpWorkdays: [{ date: '2027-10-01', name: '国庆节' }] }), undefined, 'import_conflicting_kinds');
    expect(e.messageEn).toBe('makeUpWorkdays[0]: 2027-10-01 is listed as a make-up working day here but as a holiday at holidays[1]');
    expect(e.messageZh).toContain('holidays[1]');
  });

  it('warns about a repeated date and a make-up day on a weekday', () => {
    const result = parseArrangementFile(
      JSON.stringify({
        ...simple2027,
        holidays: [...simple2027.holidays, { date: '2027-10-01', name: '国庆节' }],
        makeUpWorkdays: [{ date: '2027-02-08', name: '春节' }],
      }),
    );
    expect(result.warnings.map((w) => w.code)).toEqual(['duplicate_date', 'makeup_not_weekend']);
    expect(result.warnings[0].messageEn).toBe('holidays[2]: 2027-10-01 repeats holidays[1]; the first listing is kept');
    expect(result.warnings[1].messageZh).toBe('makeUpWorkdays[0]：调休上班日 2027-02-08 不是周末');
  });

  it('rejects a missing year, a repeated year, a year without holidays and broken JSON', () => {
    expect(parseError(JSON.stringify({ holidays: [] }), 'simple-json', 'import_missing_field').messageEn).toMatch(/^year: missing or wrong field year/);
    expect(parseError(JSON.stringify([simple2027, simple2027]), 'simple-json', 'import_duplicate_year').messageEn).toBe(
      'entry 2 year: the year 2027 appears more than once',
    );
    expect(parseError(JSON.stringify({ year: 2027, holidays: [] }), 'simple-json', 'import_no_holidays').messageZh).toBe('holidays：2027 年没有任何放假日');
    expect(parseError('{"year": 2027,', 'simple-json', 'import_syntax').messageEn).toMatch(/^file: not valid JSON/);
  });
});

describe('CSV import', () => {
  it('reads English and Chinese kinds, with a BOM, CRLF and quoted names', () => {
    const csv = '\uFEFFdate,kind,name\r\n2027-01-01,holiday,元旦\r\n2027-02-06,班,春节\r\n\r\n2027-10-01,休,"国庆节, 中秋节"\r\n2027-10-02,假日,国庆节\r\n2027-10-09,调休上班,国庆节\r\n';
    const result = parseArrangementFile(csv, 'csv');
    expect(result.warnings).toEqual([]);
    expect(result.arrangements).toEqual([
      {
        year: 2027,
        source: 'import:csv',
        holidays: { '2027-01-01': '元旦', '2027-10-01': '国庆节, 中秋节', '2027-10-02': '国庆节' },
        makeUpWorkdays: { '2027-02-06': '春节', '2027-10-09': '国庆节' },
      },
    ]);
  });

  it('marks a year holding only December spill-over dates as partial', () => {
    const result = parseArrangementFile('date,kind,name\n2026-12-26,makeup_workday,元旦\n2027-01-01,holiday,元旦\n2027-10-01,holiday,国庆节\n', 'csv');
    expect(result.arrangements.map((a) => [a.year, a.partial ?? false])).toEqual([
      [2026, true],
      [2027, false],
    ]);
    // The spill-over date applies without wiping the rest of 2026.
    const cal = createWorkingCalendar([...builtinArrangements(), ...result.arrangements]);
    expect(isWorkingDay(cal, '2026-12-26')).toBe(true);
    expect(isWorkingDay(cal, '2026-10-01')).toBe(false);
  });

  it('names the line of each problem', () => {
    expect(parseError('date,kind,name\n2027-01-01,holiday,元旦\n2027-10-01,vacation,国庆节\n', 'csv', 'import_invalid_kind').messageEn).toMatch(
      /^line 3: invalid kind "vacation"/,
    );
    expect(parseError('date,kind,name\n2027-1-1,holiday,元旦\n', 'csv', 'invalid_date').messageZh).toMatch(/^第 2 行：日期无效/);
    expect(parseError('date,kind,name\n2027-01-01,holiday\n', 'csv', 'import_syntax').messageEn).toBe('line 2: expected 3 columns, found 2');
    expect(parseError('day,type\n2027-01-01,holiday\n', 'csv', 'import_syntax').messageEn).toBe('line 1: the header must be date,kind,name');
    expect(parseError('date,kind,name\n2027-01-01,holiday,"元旦\n', 'csv', 'import_syntax').messageEn).toBe('line 2: unterminated quote');
    expect(parseError('date,kind,name\n2027-10-01,holiday,国庆节\n2027-10-01,班,国庆节\n', 'csv', 'import_conflicting_kinds').messageEn).toBe(
      'line 3: 2027-10-01 is listed as a make-up working day here but as a holiday at line 2',
    );
    expect(parseError('date,kind,name\n2027-10-09,班,国庆节\n', 'csv', 'import_no_holidays').messageEn).toBe('file: the year 2027 has no holidays');
  });
});

describe('holiday-cn import', () => {
  it('assigns the December spill-over of a real file to its own year, marked partial', () => {
    const result = parseArrangementFile(holidayCn2012);
    expect(result.format).toBe('holiday-cn');
    expect(result.warnings).toEqual([]);
    const [y2011, y2012] = result.arrangements;
    expect(y2011).toEqual({
      year: 2011,
      source: 'holiday-cn: http://www.gov.cn/zhengce/content/2011-12/06/content_1411.htm',
      holidays: {},
      makeUpWorkdays: { '2011-12-31': '元旦' },
      partial: true,
    });
    expect(y2012.partial).toBeUndefined();
    expect(y2012.makeUpWorkdays['2012-04-01']).toBe('清明节');
    expect(Object.keys(y2012.holidays)).toHaveLength(27);
  });

  it('imported over the built-in data keeps the neighbouring year intact', () => {
    const cal = createWorkingCalendar([...builtinArrangements(), ...parseArrangementFile(holidayCn2012).arrangements]);
    expect(dayInfo(cal, '2011-10-03')).toMatchObject({ kind: 'holiday', dataAvailable: true });
    expect(dayInfo(cal, '2011-12-31')).toMatchObject({ kind: 'makeup_workday', dataAvailable: true });
  });

  it.each([
    ['2012', holidayCn2012],
    ['2020', holidayCn2020],
  ])('real file for %s agrees with the built-in data on every working day', (year, content) => {
    const cal = createWorkingCalendar(parseArrangementFile(content, 'holiday-cn').arrangements);
    for (const date of daysOf(Number(year))) expect([date, isWorkingDay(cal, date)]).toEqual([date, isWorkingDay(official, date)]);
  });

  it('includes the 2020 Spring Festival extension of the State Council notice of 27 January 2020', () => {
    const cal = createWorkingCalendar(parseArrangementFile(holidayCn2020).arrangements);
    expect(dayInfo(cal, '2020-01-31')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect(dayInfo(cal, '2020-02-03').workingDay).toBe(true);
  });

  it.each([2025, 2026])('parses the built-in %i data converted to holiday-cn shape back to the same arrangement', (year) => {
    const builtin = builtinArrangements().find((a) => a.year === year)!;
    const days = [
      ...Object.entries(builtin.holidays).map(([date, name]) => ({ name, date, isOffDay: true })),
      ...Object.entries(builtin.makeUpWorkdays).map(([date, name]) => ({ name, date, isOffDay: false })),
    ].sort((a, b) => a.date.localeCompare(b.date));
    const { arrangements, warnings } = parseArrangementFile(JSON.stringify({ year, papers: [], days }));
    expect(warnings).toEqual([]);
    expect(arrangements).toEqual([{ ...builtin, source: 'holiday-cn' }]);
  });

  it('refuses the empty placeholder holiday-cn publishes before a year is announced', () => {
    const e = parseError(holidayCn2024Placeholder, undefined, 'import_no_holidays');
    expect(e.messageEn).toBe('file: days is empty for 2024 (perhaps not announced yet)');
  });

  it('rejects dates beyond the neighbouring New Year and malformed days', () => {
    const file = (days: unknown[]) => JSON.stringify({ year: 2026, papers: [], days });
    const ok = { name: '国庆节', date: '2026-10-01', isOffDay: true };
    expect(parseError(file([ok, { name: '元旦', date: '2025-11-30', isOffDay: false }]), 'holiday-cn', 'import_date_outside_year').messageEn).toBe(
      'days[1]: 2025-11-30 is outside the declared year 2026',
    );
    expect(parseError(file([{ name: '国庆节', date: '2026-10-01' }]), 'holiday-cn', 'import_missing_field').messageEn).toMatch(/^days\[0\]: missing or wrong field isOffDay/);
    expect(parseError(file([ok, { ...ok, isOffDay: false }]), 'holiday-cn', 'import_conflicting_kinds').messageEn).toBe(
      'days[1]: 2026-10-01 is listed as a make-up working day here but as a holiday at days[0]',
    );
    expect(parseError(JSON.stringify({ year: '2026', days: [ok] }), 'holiday-cn', 'import_missing_field').messageEn).toMatch(/^file: missing or wrong field year/);
  });
});

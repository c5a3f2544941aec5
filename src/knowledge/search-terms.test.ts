import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { articleSearchColumns, COMMON_TERM, compactText, keywordTerms, normaliseText, queryTerms, searchTerms, segmentWords, selectingTerms, STOP_WORDS, termWeight } from './search-terms.js';

describe('Chinese word segmentation for the knowledge base', () => {
  it('has a runtime whose Intl.Segmenter cuts Chinese into dictionary words (full ICU)', () => {
    const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment('养老保险怎么缴费')].filter((s) => s.isWordLike).map((s) => s.segment);
    expect(words).toContain('养老');
    expect(words).toContain('保险');
  });

  it('normalises full-width letters, digits and punctuation to half-width, lower case, punctuation to spaces', () => {
    expect(normaliseText('ＡＢＣ１２３')).toBe('abc123');
    expect(normaliseText('社保卡（补办）！　怎么办？')).toBe('社保卡 补办 怎么办');
    expect(normaliseText('WiFi、App；12345热线')).toBe('wifi app 12345热线');
    expect(compactText('营业执照 怎么办？')).toBe('营业执照怎么办');
  });

  it('segments into words and drops stop words, also when the segmenter cuts one in two (怎么|办)', () => {
    expect(segmentWords('营业执照怎么办')).toEqual(['营业', '执照']);
    expect(segmentWords('我想问一下怎么办理营业执照')).toEqual(['办理', '营业', '执照']);
    expect(segmentWords('养老保险如何缴费呢')).not.toContain('如何');
    // 了 is dropped only as a particle on its own; 了解 is one word and stays.
    expect(segmentWords('了解一下养老保险')).toEqual(['了解', '养老', '保险']);
  });

  it('keeps the stop-word list short and free of subject words', () => {
    expect(STOP_WORDS.size).toBeLessThanOrEqual(40);
    for (const subject of ['办理', '补办', '社保', '执照', '投诉', '噪音']) expect(STOP_WORDS.has(subject)).toBe(false);
  });

  it('turns dictionary words into terms and unknown abbreviations into character pairs', () => {
    expect(searchTerms('营业执照怎么办')).toEqual(['营业', '执照']);
    // 社保卡 is not in the dictionary (社|保|卡): its pairs stand for it; 了 ends the run.
    expect(searchTerms('社保卡丢了')).toEqual(['社保', '保卡', '卡丢']);
    expect(searchTerms('住房公积金提取')).toEqual(['住房', '公积', '积金', '提取']);
  });

  it('gives a query and an article the same terms for the same words, whatever surrounds them', () => {
    const article = new Set(searchTerms('社会保障卡（社保卡）丢失后怎么挂失和补办'));
    for (const t of queryTerms('社保卡丢了怎么补办')) if (t !== '卡丢') expect(article.has(t), t).toBe(true);
    expect(new Set(searchTerms('住房公积金提取')).has('公积')).toBe(true);
    expect(new Set(searchTerms('公积金')).has('公积')).toBe(true);
  });

  it('keeps Latin words and numbers of two or more characters whole and lower-cased', () => {
    expect(searchTerms('拨打12345或95598')).toEqual(expect.arrayContaining(['12345', '95598']));
    expect(searchTerms('下载ＡＰＰ')).toContain('app');
    expect(searchTerms('a 1')).toEqual([]);
  });

  it('yields no terms for punctuation, blanks or stop words only', () => {
    for (const text of ['', '   ', '，。！？', '怎么办？', '请问如何']) expect(searchTerms(text)).toEqual([]);
  });

  it('weighs a single character below a pair and a pair below a longer word', () => {
    expect(termWeight('办')).toBeLessThan(termWeight('办理'));
    expect(termWeight('办理')).toBeLessThan(termWeight('公积金'));
  });

  it('indexes keywords by their terms and, when short, whole', () => {
    expect(keywordTerms(['社保卡', '补办'])).toEqual(['社保卡', '社保', '保卡', '补办']);
  });

  it('derives title, question, body and all-terms columns, the last holding every other', () => {
    const cols = articleSearchColumns({ title: '社保卡丢失怎么补办', question: '社保卡丢了怎么办？', answer: '请先挂失，再到合作银行网点补卡。', category: '社会保障/社保卡', keywords: ['社会保障卡'] });
    expect(cols.titleTerms).toEqual(expect.arrayContaining(['社保', '保卡', '丢失', '补办', '社会', '保障']));
    expect(cols.bodyTerms).toEqual(expect.arrayContaining(['挂失', '银行', '网点', '社会', '保障']));
    for (const t of [...cols.titleTerms, ...cols.questionTerms, ...cols.bodyTerms]) expect(cols.searchTerms).toContain(t);
    expect(cols.searchText).toBe('社保卡丢失怎么补办 社保卡丢了怎么办 社会保障卡');
  });

  it('never fails and never yields a blank or stop-word term, whatever the text (generated)', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...'驻马店社保卡营业执照怎么办了的吗，。！ＡＢＣ１２３ ａ?'), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (t) => {
      const terms = searchTerms(t);
      for (const term of terms) {
        expect(term.trim()).toBe(term);
        expect(term.length).toBeGreaterThan(0);
        expect(STOP_WORDS.has(term)).toBe(false);
        expect(/[\p{P}\p{S}\s]/u.test(term)).toBe(false);
      }
      expect(new Set(terms).size).toBe(terms.length);
    }), { numRuns: 300 });
  });

  it('caps the number of query terms so that a pasted essay stays cheap', () => {
    const essay = Array.from({ length: 500 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).join('');
    expect(queryTerms(essay).length).toBeLessThanOrEqual(64);
  });
});

describe('which query terms bring candidate articles in', () => {
  const large = { articles: 100_000, held: new Map([['办理', 100_000], ['小区', 10_800], ['电梯', 1_900], ['维修', 6_000]]) };

  it('leaves out the terms a large knowledge base holds nearly everywhere, keeping the rest', () => {
    expect(selectingTerms(['电梯', '办理', '故障', '小区'], large)).toEqual({ any: ['电梯', '故障'], all: [] });
    // Above the share but below the floor of articles: still selects.
    expect(selectingTerms(['电梯'], { articles: 10_000, held: new Map([['电梯', 1_900]]) })).toEqual({ any: ['电梯'], all: [] });
    expect(COMMON_TERM.share * 100_000).toBeGreaterThan(COMMON_TERM.articles);
  });

  it('asks for the two rarest together when every term is common, and for nothing without terms', () => {
    expect(selectingTerms(['办理', '小区', '维修'], large)).toEqual({ any: [], all: ['维修', '小区'] });
    expect(selectingTerms([], large)).toEqual({ any: [], all: [] });
    expect(selectingTerms(['办理', '电梯'], { articles: 0, held: new Map() })).toEqual({ any: ['办理', '电梯'], all: [] });
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseText, queryTerms, searchTerms } from './terms.js';

describe('Chinese search terms', () => {
  it('splits Han text into overlapping pairs and keeps Latin words and numbers whole', () => {
    expect(searchTerms('营业执照办理')).toEqual(['营业', '业执', '执照', '照办', '办理']);
    expect(searchTerms('WiFi信号差 5G')).toEqual(['wifi', '信号', '号差', '5g']);
  });

  it('normalises full-width characters and case', () => {
    expect(normaliseText('ＡＢＣ１２３')).toBe('abc123');
    expect(searchTerms('ＸＹ路１２号')).toEqual(['xy', '路', '12', '号']);
  });

  it('any contiguous piece of two or more characters of a text matches it (all its terms are in the text)', () => {
    const han = fc.array(fc.constantFrom(...'驻马店市营业执照养老保险噪音扰民供水停电小区物业'), { minLength: 2, maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(han, fc.nat(), fc.nat(), (text, a, b) => {
      const start = a % (text.length - 1);
      const end = start + 2 + (b % (text.length - start - 1));
      const doc = new Set(searchTerms(text, 10_000));
      expect(queryTerms(text.slice(start, end)).every((t) => doc.has(t))).toBe(true);
    }));
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeXml, xmlDocument, xmlList } from './xml.js';
import { readXml, records } from './xml.testing.js';

describe('the Open311 XML writer', () => {
  it('writes the UTF-8 declaration, one root, nested records and lists, and empty elements for null', () => {
    const xml = xmlDocument('service_requests', xmlList('request', [
      { service_request_id: '2026112300001', status: 'open', address: null, metadata: false, count: 3 },
    ]));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<service_requests><request>')).toBe(true);
    expect(xml).toContain('<address/>');
    expect(xml).toContain('<metadata>false</metadata>');
    expect(records(readXml(xml))).toEqual([{ service_request_id: '2026112300001', status: 'open', address: '', metadata: 'false', count: '3' }]);
    expect(xmlDocument('errors', xmlList('error', []))).toContain('<errors/>');
  });

  it('escapes markup characters, quotes and ampersands, and keeps Chinese as it is', () => {
    const tricky = `<script>alert("x")</script> & 'quotes' 驿城区 “全角” ]]> &amp;`;
    const xml = xmlDocument('r', { description: tricky });
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quotes&apos; 驿城区 “全角” ]]&gt; &amp;amp;');
    expect(readXml(xml).children[0].text).toBe(tricky);
  });

  it('drops characters XML cannot carry (control characters, lone surrogates) and keeps CR, tabs, newlines and emoji', () => {
    expect(escapeXml('a\u0000b\u0001c\u001Fd\uFFFEe\uD800f')).toBe('abcdef');
    const kept = 'line 1\r\nline 2\ttab 😀 𠀋';
    expect(readXml(xmlDocument('r', { t: kept })).children[0].text).toBe(kept);
  });

  it('is well-formed and round-trips for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
      const back = readXml(xmlDocument('r', { t: s })).children[0].text;
      expect(back).toBe(s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''));
    }), { numRuns: 300 });
  });

  it('refuses element names that are not names (they come from code, never from input)', () => {
    expect(() => xmlDocument('bad name', 'x')).toThrow();
    expect(() => xmlDocument('r', { '<x>': 'y' })).toThrow();
    expect(() => xmlList('xmlthing', [])).toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { codeFrom } from './api';

describe('the certificate check form', () => {
  it('takes the code from a pasted link or the bare code, whatever surrounds it', () => {
    expect(codeFrom('https://zwfw.example.gov.cn/verify/aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(codeFrom('  aaa.bbb.ccc \n')).toBe('aaa.bbb.ccc');
    expect(codeFrom('http://localhost:8080/verify/aaa.bbb.ccc?from=qr#top')).toBe('aaa.bbb.ccc');
    expect(codeFrom('')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('takes the public URL as given, without a trailing slash, and defaults it to localhost on the port', () => {
    expect(loadConfig({}).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '3000' }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://12345.example.gov.cn/' }).publicUrl).toBe('https://12345.example.gov.cn');
    expect(loadConfig({ PUBLIC_URL: 'https://example.gov.cn/qinqing/' }).publicUrl).toBe('https://example.gov.cn/qinqing');
  });

  it('stops start-up on a public URL that is not one, naming the variable', () => {
    for (const bad of ['12345.example.gov.cn', 'ftp://example.gov.cn', 'https://example.gov.cn/?a=1', 'https://example.gov.cn/#x', 'https://u:p@example.gov.cn']) {
      expect(() => loadConfig({ PUBLIC_URL: bad }), bad).toThrow(/^PUBLIC_URL must be an http or https URL/);
    }
  });
});

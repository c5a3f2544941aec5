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

  it('reads the visit rules (VISIT_*), Changning\'s by default, and stops start-up on a bad one naming the variable', () => {
    expect(loadConfig({}).visits).toEqual({ serviceWeekDays: 5, yearlyLimit: 2, escalationRoles: ['leader'], filingWorkingDays: 2, quietDays: null, ratingMinVisits: 3 });
    expect(loadConfig({ VISIT_QUIET_DAYS: '1-20', VISIT_ESCALATION_ROLES: 'leader, supervisor', VISIT_YEARLY_LIMIT: '3' }).visits)
      .toMatchObject({ quietDays: { from: 1, to: 20 }, escalationRoles: ['leader', 'supervisor'], yearlyLimit: 3 });
    expect(() => loadConfig({ VISIT_QUIET_DAYS: '20-1' })).toThrow(/VISIT_QUIET_DAYS/);
    expect(() => loadConfig({ VISIT_QUIET_DAYS: 'days' })).toThrow(/VISIT_QUIET_DAYS/);
    expect(() => loadConfig({ VISIT_ESCALATION_ROLES: 'mayor' })).toThrow(/VISIT_ESCALATION_ROLES/);
    expect(() => loadConfig({ VISIT_ESCALATION_ROLES: 'enterprise' })).toThrow(/VISIT_ESCALATION_ROLES/);
    expect(() => loadConfig({ VISIT_YEARLY_LIMIT: '0' })).toThrow(/VISIT_YEARLY_LIMIT/);
  });

  it('takes a read standby only beside a PostgreSQL server, as a postgres:// URL', () => {
    expect(loadConfig({}).databaseReadUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://a@db1/q', DATABASE_READ_URL: 'postgres://a@db2/q' }).databaseReadUrl).toBe('postgres://a@db2/q');
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://a@db2/q' })).toThrow(/^DATABASE_READ_URL needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@db1/q', DATABASE_READ_URL: 'db2:5432' })).toThrow(/^DATABASE_READ_URL must be a postgres:\/\/ URL/);
  });
});

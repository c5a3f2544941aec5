import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffMs, maskPhone, recipientProblem, SUBJECT_TYPE, toOutboxValues, type NotificationInput } from './rules.js';

const notice = (over: Partial<NotificationInput> = {}): NotificationInput => ({
  recipient: { userId: 7 }, kind: 'case.dispatched', titleZh: '新工单', titleEn: 'New case', bodyZh: '内容', bodyEn: 'Body', ...over,
});

describe('notification rules', () => {
  it('accepts a well-formed notice unchanged, with no problem', () => {
    const v = toOutboxValues(notice({ recipient: { officeId: 3, role: 'handler' }, link: '/cases/9', caseId: 9, dedupeKey: 'case:9:dispatched' }));
    expect(v).toMatchObject({ kind: 'case.dispatched', recipientOfficeId: 3, recipientRole: 'handler', recipientUserId: null, caseId: 9, dedupeKey: 'case:9:dispatched', problem: null });
  });

  it('names what makes a notice undeliverable instead of throwing', () => {
    expect(toOutboxValues(notice({ recipient: {} })).problem).toContain('no recipient');
    expect(toOutboxValues(notice({ recipient: { role: 'supervisor' } })).problem).toContain('needs recipient.officeId');
    expect(toOutboxValues(notice({ recipient: { userId: 1.5 } })).problem).toContain('userId');
    expect(toOutboxValues(notice({ recipient: { officeId: 3, role: 'mayor' as never } })).problem).toContain('not a role');
    expect(toOutboxValues(notice({ recipient: { phone: 'call me' } })).problem).toContain('phone');
    expect(toOutboxValues(notice({ kind: '  ' })).problem).toContain('kind');
    expect(toOutboxValues(notice({ titleZh: '', titleEn: '' })).problem).toContain('title');
  });

  it('takes a subject of any item type, or a case from caseId, and refuses a malformed or contradictory one', () => {
    expect(toOutboxValues(notice({ subject: { type: 'test_item', id: 5 } }))).toMatchObject({ subject: { type: 'test_item', id: 5 }, caseId: null, problem: null });
    expect(toOutboxValues(notice({ caseId: 9 }))).toMatchObject({ subject: { type: 'case', id: 9 }, caseId: 9, problem: null });
    expect(toOutboxValues(notice({ caseId: 9, subject: { type: 'case', id: 9 } }))).toMatchObject({ subject: { type: 'case', id: 9 }, problem: null });
    expect(toOutboxValues(notice())).toMatchObject({ subject: null, caseId: null, problem: null });
    for (const [subject, says] of [
      [{ type: 'Test Item', id: 5 }, 'subject.type'], [{ type: 'test_item' }, 'subject.id'], [{ type: 'test_item', id: 0 }, 'subject.id'], ['case:5', 'subject.type'],
    ] as const) {
      const v = toOutboxValues(notice({ subject: subject as never }));
      expect(v.subject, JSON.stringify(subject)).toBeNull();
      expect(v.problem, JSON.stringify(subject)).toContain(says);
    }
    const both = toOutboxValues(notice({ caseId: 9, subject: { type: 'test_item', id: 9 } }));
    expect(both.problem).toContain('name different items');
  });

  it('never yields a subject the database would refuse, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (subject, caseId) => {
      const v = toOutboxValues({ ...notice(), subject: subject as never, caseId: caseId as never });
      expect(v.subject === null || (SUBJECT_TYPE.test(v.subject.type) && Number.isSafeInteger(v.subject.id) && v.subject.id >= 1)).toBe(true);
      expect(v.caseId).toBe(v.subject?.type === 'case' ? v.subject.id : null);
    }));
  });

  it('drops NUL characters, which PostgreSQL text cannot hold, and treats blank optional text as absent', () => {
    const v = toOutboxValues(notice({ titleZh: 'a\u0000b', bodyEn: '\u0000', dedupeKey: '  ', link: '' }));
    expect(v).toMatchObject({ titleZh: 'ab', bodyEn: '', dedupeKey: null, link: null, problem: null });
  });

  it('keeps only links into the web app, dropping scripts and other sites without failing the notice', () => {
    expect(toOutboxValues(notice({ link: '/cases/9?tab=events' })).link).toBe('/cases/9?tab=events');
    for (const link of ['javascript:alert(1)', '//evil.example/x', 'https://evil.example/', '/\\evil.example', '/cases/"onmouseover=x']) {
      const v = toOutboxValues(notice({ link }));
      expect(v.link, link).toBeNull();
      expect(v.problem, link).toBeNull();
    }
  });

  it('never throws and always yields values the database accepts, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), (recipient, kind, caseId) => {
      const v = toOutboxValues({ ...notice(), recipient: recipient as never, kind: kind as never, caseId: caseId as never });
      for (const id of [v.recipientUserId, v.recipientOfficeId]) expect(id === null || (Number.isInteger(id) && id >= 1 && id <= 2147483647)).toBe(true);
      expect(v.caseId === null || Number.isSafeInteger(v.caseId)).toBe(true);
      for (const s of [v.kind, v.titleZh, v.titleEn, v.bodyZh, v.bodyEn]) expect(typeof s === 'string' && !s.includes('\u0000')).toBe(true);
      expect(v.problem !== null || v.recipientUserId !== null || v.recipientOfficeId !== null || v.recipientPhone !== null || v.recipientUscc !== null).toBe(true);
    }));
  });

  it('checks a stored recipient again before delivery', () => {
    expect(recipientProblem({ userId: null, officeId: null, role: 'handler', phone: null, enterpriseUscc: null })).toContain('officeId');
    expect(recipientProblem({ userId: null, officeId: null, role: null, phone: '13800138000', enterpriseUscc: null })).toBeNull();
  });

  it('backs off exponentially from the base, never beyond the cap, jitter only shortening the wait', () => {
    const policy = { baseMs: 1000, maxMs: 60_000, jitter: 0.2 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, policy, 0)).toBe(60_000);
    expect(backoffMs(1, policy, 1)).toBe(800);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
      const wait = backoffMs(n, policy, r);
      const full = backoffMs(n, policy, 0);
      expect(wait).toBeLessThanOrEqual(full);
      expect(wait).toBeGreaterThanOrEqual(Math.floor(full * 0.8));
      expect(full).toBeLessThanOrEqual(60_000);
      expect(backoffMs(n + 1, policy, 0)).toBeGreaterThanOrEqual(full);
    }));
  });

  it('masks phone numbers for administrators, keeping the first three and last four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('12345')).toBe('*2345');
    expect(maskPhone(null)).toBeNull();
  });
});

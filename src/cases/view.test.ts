import { describe, expect, it } from 'vitest';
import { builtinArrangements } from '../calendar/builtin.js';
import { createWorkingCalendar } from '../calendar/rules.js';
import { limitOfficeMinutes } from '../calendar/working-time.js';
import { DEFAULT_POLICY, replyLimit } from './deadlines.js';
import type { CaseRow } from './record.js';
import { replyTime } from './view.js';

const cal = createWorkingCalendar(builtinArrangements());
// Monday 16 November 2026, 09:00 in Beijing.
const MONDAY_9 = new Date('2026-11-16T01:00:00Z');
const hoursLater = (h: number) => new Date(MONDAY_9.getTime() + h * 3_600_000);
const daysLater = (d: number) => new Date(MONDAY_9.getTime() + d * 86_400_000);

const row = (patch: Partial<CaseRow>): CaseRow => ({
  id: 1, code: '2026111600001', channel: 'hotline', type: 'complaint', priority: 'normal', status: 'accepted', title: '路灯不亮', content: '路灯不亮',
  address: null, regionCode: null, categoryId: null, requesterKind: 'person', requesterName: null, requesterPhone: null, requesterUscc: null, requesterUserId: null,
  confidential: false, intakeOfficeId: 1, leadOfficeId: null, assistingOfficeIds: [], acceptedAt: MONDAY_9, dispatchedAt: null, signedAt: null, repliedAt: null,
  reviewedAt: null, closedAt: null, clockStartedAt: null, signDueAt: null, replyDueAt: null, clockPausedAt: null, pausedMinutes: 0, extensionDays: 0,
  extensionsGranted: 0, pendingExtension: null, dueState: 'on_time', wasOverdue: false, signLate: null, replyLate: null, reply: null, outcome: null, visit: null,
  evaluation: null, supervisionLevel: null, returnCount: 0, transferCount: 0, reopenCount: 0, escalationLevel: 0, mergedIntoId: null, eventCount: 1,
  lastEventHash: '', version: 1, updatedAt: MONDAY_9, ...patch,
});

describe('how long a finished case took against its limit (replyTime)', () => {
  it('measures a reply from the clock\'s start against its deadline', () => {
    const t = replyTime(cal, DEFAULT_POLICY, row({ status: 'closed', clockStartedAt: MONDAY_9, repliedAt: hoursLater(2), replyDueAt: daysLater(7), closedAt: daysLater(8) }));
    expect(t).toEqual({ minutes: 120, limitMinutes: 5 * 420, late: false });
  });

  it('measures a consultation answered at once from its acceptance against its type\'s limit, not "no clock"', () => {
    const t = replyTime(cal, DEFAULT_POLICY, row({ status: 'answered', type: 'consultation', repliedAt: hoursLater(1) }));
    expect(t).toEqual({ minutes: 60, limitMinutes: limitOfficeMinutes(cal, replyLimit(cal, DEFAULT_POLICY, 'consultation', 'normal')), late: false });
  });

  it('measures an out-of-scope case closed without a reply until its closing, late beyond the limit', () => {
    // Closed the Tuesday of the next week, 09:00: six working days after a Monday 09:00 acceptance.
    const t = replyTime(cal, DEFAULT_POLICY, row({ status: 'closed', closedAt: daysLater(8) }));
    expect(t).toEqual({ minutes: 6 * 420, limitMinutes: 5 * 420, late: true });
  });

  it('says nothing while a case is open, or replied but not yet timed', () => {
    expect(replyTime(cal, DEFAULT_POLICY, row({ status: 'accepted' }))).toBeNull();
    expect(replyTime(cal, DEFAULT_POLICY, row({ status: 'handling', clockStartedAt: MONDAY_9, replyDueAt: daysLater(7) }))).toBeNull();
    expect(replyTime(cal, DEFAULT_POLICY, row({ status: 'merged', closedAt: hoursLater(1) }))).toBeNull();
  });
});

// What the case page shows as disabled buttons comes from these reasons in the view (the web
// app no longer works them out itself), so each one is pinned here.
import { describe, expect, it } from 'vitest';
import { actionsFor } from '../platform/lifecycle/index.js';
import { CASE_LIFECYCLE } from './lifecycle.js';
import type { CaseRow } from './record.js';

const handling = {
  id: 1, status: 'handling', type: 'complaint', version: 3, eventCount: 3, lastEventHash: 'x', clockPausedAt: null, pendingExtension: null,
  evaluation: null, visit: null, leadOfficeId: 7,
} as unknown as CaseRow;
const codes = (row: CaseRow, roles: Parameters<typeof actionsFor>[2], relations: Parameters<typeof actionsFor>[3]) =>
  Object.fromEntries(actionsFor(CASE_LIFECYCLE, row, roles, relations as never).blockedActions.map((b) => [b.action, b.code]));

describe('the reasons a case view gives for a blocked action', () => {
  it('blocks resuming a running clock and pausing a paused one, for the lead handler', () => {
    expect(codes(handling, ['handler'], ['lead'])).toEqual({ 'resume-clock': 'not_paused' });
    const paused = { ...handling, clockPausedAt: new Date() } as CaseRow;
    const view = actionsFor(CASE_LIFECYCLE, paused, ['handler'], ['lead']);
    expect(view.blockedActions).toEqual([{ action: 'pause-clock', code: 'already_paused', messageZh: '计时已暂停', messageEn: 'The clock is already paused' }]);
    expect(view.actions).toContain('resume-clock');
  });

  it('blocks a second extension request and a decision without a request', () => {
    const waiting = { ...handling, pendingExtension: { days: 3, reason: '需现场核查', requestedBy: 'h', at: '' } } as unknown as CaseRow;
    expect(codes(waiting, ['handler'], ['lead'])).toMatchObject({ 'request-extension': 'extension_pending' });
    expect(codes(handling, ['supervisor'], ['intake'])).toMatchObject({ 'decide-extension': 'no_extension_pending' });
    expect(codes(waiting, ['supervisor'], ['intake'])).not.toHaveProperty('decide-extension');
  });

  it('blocks answering anything but a consultation, closing before the visit, and a second evaluation', () => {
    const accepted = { ...handling, status: 'accepted' } as CaseRow;
    expect(codes(accepted, ['agent'], ['intake'])).toEqual({ answer: 'answer_only_consultation' });
    expect(codes({ ...accepted, type: 'consultation' } as CaseRow, ['agent'], ['intake'])).toEqual({});
    expect(codes({ ...handling, status: 'reviewed' } as CaseRow, ['supervisor'], ['intake'])).toEqual({ close: 'visit_required' });
    expect(codes({ ...handling, status: 'closed', evaluation: { rating: 5 } } as unknown as CaseRow, ['enterprise'], ['requester'])).toEqual({ evaluate: 'already_evaluated' });
  });

  it('lists no blocked action the viewer could not take anyway', () => {
    expect(codes(handling, ['agent'], ['intake'])).toEqual({});
  });
});

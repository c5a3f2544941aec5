// One clear sentence for the applicant on where its application stands and what it has to do.
import type { Translate } from '../../shell';
import type { ApplicationSummary } from './api';

export function applicantStatus(t: Translate, a: Pick<ApplicationSummary, 'status' | 'stillNeeded' | 'asked'> & { resultNumber?: string | null; refusalReason?: string | null }): { text: string; todo: boolean } {
  if (a.asked.length) return { text: t('applications.mine.asked', { what: a.asked.join('；') }), todo: true };
  if (a.status === 'incomplete') return { text: t('applications.mine.incomplete', { what: a.stillNeeded.join('、') }), todo: true };
  if (a.stillNeeded.length && ['accepted', 'in_review', 'approved'].includes(a.status)) return { text: t('applications.mine.owed', { what: a.stillNeeded.join('、') }), todo: true };
  if (a.status === 'issued' && a.resultNumber) return { text: t('applications.mine.issuedNumber', { number: a.resultNumber }), todo: false };
  if (a.status === 'refused' && a.refusalReason) return { text: t('applications.mine.refusedBecause', { reason: a.refusalReason }), todo: false };
  return { text: t(`applications.mine.${a.status}`), todo: false };
}

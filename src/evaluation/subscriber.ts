/**
 * The evaluation follows every case event: each one may change the case's figures, which are
 * kept current in the event's own transaction (record.ts). Cases taken in together get theirs
 * as parts of the intake statement.
 */
import type { Subscriber } from '../platform/lifecycle/index.js';
import { newCaseFigureWrites, recordCaseFigures } from './record.js';

/** What the figures read of a case besides its events: attributes fixed at intake. */
interface CaseFacts {
  id: number;
  intakeOfficeId: number;
  regionCode: string | null;
  categoryId: number | null;
  channel: string;
  type: string;
}

export const caseFiguresSubscriber: Subscriber<CaseFacts> = {
  name: 'evaluation: case figures',
  type: 'case',
  perform: (tx, { event }) => recordCaseFigures(tx, event.itemId, event),
  createdInBulk: (changes) => newCaseFigureWrites(changes.map(({ event, after }) => ({
    attributes: { caseId: after.id, acceptedAt: event.at, intakeOfficeId: after.intakeOfficeId, regionCode: after.regionCode, categoryId: after.categoryId, channel: after.channel, type: after.type },
    event,
  }))),
};

/**
 * What the rectification ledger reads of an inspection visit whose finding it rectifies (its
 * subject type `inspection`): the visit's state and how an actor stands to it, in the ledger's
 * words. The ledger imports this file; nothing here imports the ledger, so the two modules never
 * load each other in a circle.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { loadVisit, visitRelations } from './store.js';

export interface InspectionSubject {
  type: 'inspection';
  id: number;
  /** How messages name it: the task's code and the enterprise's USCC. */
  reference: string;
  status: string;
  uscc: string;
  leadOfficeId: number;
  assistingOfficeIds: number[];
  takenInAt: Date;
}

export async function inspectionSubject(db: Db, visitId: number, opts: { lock?: boolean } = {}): Promise<InspectionSubject | null> {
  const visit = await loadVisit(db, visitId, opts);
  return visit && {
    type: 'inspection', id: visit.id, reference: `${visit.task.code}/${visit.uscc}`, status: visit.status, uscc: visit.uscc,
    leadOfficeId: visit.task.leadOfficeId, assistingOfficeIds: visit.task.officeIds.filter((id) => id !== visit.task.leadOfficeId), takenInAt: visit.createdAt,
  };
}

/** lead and joining departments as the ledger's lead and assisting offices, the team as `inspecting`, the enterprise as requester. */
export async function inspectionSubjectRelations(db: Db, actor: Actor, visitId: number): Promise<('lead' | 'assisting' | 'inspecting' | 'requester')[]> {
  const visit = await loadVisit(db, visitId);
  if (!visit) return [];
  const names = { lead: 'lead', joining: 'assisting', team: 'inspecting', target: 'requester' } as const;
  return (await visitRelations(db, actor, visit)).map((r) => names[r]);
}

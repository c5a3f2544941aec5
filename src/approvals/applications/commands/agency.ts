import type { ActionContext } from '../../../platform/lifecycle/index.js';
import type { ApplicationItem, Relation } from '../lifecycle.js';
import { agencyOf } from '../store.js';
import type { ApplicationSettings } from '../type.js';

/**
 * What an applicant's action records of an agent acting for the enterprise (帮办代办): the
 * authorisation it was taken under, beside the actor the event names. Nothing when the actor
 * acts in their own right (the applicant, the window).
 */
export async function onBehalfOf(ctx: ActionContext<ApplicationItem, Relation, ApplicationSettings>): Promise<Record<string, unknown>> {
  const { tx, actor, row, relations, now } = ctx;
  if (!relations.includes('agent') || relations.includes('applicant') || relations.includes('window')) return {};
  const authorisation = (await agencyOf(tx, actor, row, now))!;
  return { onBehalfOf: { uscc: row.applicantUscc, name: row.applicantName, authorisationId: authorisation.id } };
}

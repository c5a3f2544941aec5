/**
 * Help-and-agency authorisations (帮办代办): an enterprise authorises a window agent to act for it
 * on its applications — for one item or all, until a date, on a signed document whose reference
 * is recorded. The enterprise records it itself online, or a leader over the agent's office from
 * the paper; either may revoke it. Each is in the audit trail.
 */
import { Type } from '@sinclair/typebox';
import { sql, queryRows, type Db } from '../../../platform/db/engine.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError, badRequest, forbidden, notFound } from '../../../platform/errors.js';
import { IsoDate } from '../../../platform/http/schemas.js';
import { recordAudit } from '../../../audit/record.js';
import { canSeeOfficePath } from '../../../auth/permissions.js';
import { isValidIsoDate, toLocalDate } from '../../../calendar/rules.js';
import { normaliseUscc, usccProblem } from '../../../enterprises/uscc.js';
import type { AuthorisationView } from '../contract.js';

export type { AuthorisationView };

export const GrantBody = Type.Object({
  agentUserId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The window agent who will act for the enterprise' }),
  enterprise: Type.Object({
    uscc: Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码; an enterprise user authorises for its own' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
  }, { additionalProperties: false }),
  serviceItemId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'One item; absent: every item' })),
  validUntil: { ...IsoDate, description: 'The last day it holds (YYYY-MM-DD)' },
  documentRef: Type.String({ minLength: 1, maxLength: 200, description: 'The signed authorisation (授权委托书): its number or reference' }),
}, { additionalProperties: false });
export type GrantInput = (typeof GrantBody)['static'];

const SELECT = sql`select g.id::int as id, g.agent_user_id as "agentUserId", u.name as "agentName", g.enterprise_uscc as "enterpriseUscc", g.enterprise_name as "enterpriseName",
    g.service_item_id as "serviceItemId", (select v.name from service_items s join service_item_versions v on v.item_id = s.id and v.revision = s.revision where s.id = g.service_item_id) as "serviceItemName",
    to_char(g.valid_until, 'YYYY-MM-DD') as "validUntil", g.document_ref as "documentRef", g.granted_by_name as "grantedBy",
    to_char(g.granted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "grantedAt",
    to_char(g.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "revokedAt", g.revoked_reason as "revokedReason", o.path as "agentOfficePath"
  from agency_authorisations g join users u on u.id = g.agent_user_id left join offices o on o.id = u.office_id`;

const MANAGE = { zh: '登记帮办代办授权', en: 'record agency authorisations' };

/** The enterprise for itself, or a leader over the agent's office. */
function mayManage(actor: Actor, uscc: string, agentOfficePath: string | null): boolean {
  if (actor.roles.includes('enterprise')) return actor.enterpriseUscc === uscc;
  return actor.roles.includes('leader') && agentOfficePath !== null && canSeeOfficePath(actor, agentOfficePath);
}

export async function grantAuthorisation(db: Db, actor: Actor, input: GrantInput, now = new Date()): Promise<AuthorisationView> {
  if (!actor.roles.includes('enterprise') && !actor.roles.includes('leader')) throw forbidden(`您无权${MANAGE.zh}：需要企业用户（本企业）或领导（代办人员所在单位）`, `You may not ${MANAGE.en}: it needs the enterprise itself or a leader over the agent's office`);
  const uscc = normaliseUscc(input.enterprise.uscc);
  if (usccProblem(uscc)) throw badRequest('invalid_uscc', `统一社会信用代码 ${uscc} 无效（校验不通过）`, `The unified social credit code ${uscc} is invalid (it fails the check)`);
  if (!isValidIsoDate(input.validUntil)) throw badRequest('invalid_date', `不是有效日期：${input.validUntil}`, `Not a date: ${input.validUntil}`);
  if (input.validUntil < toLocalDate(now)) throw badRequest('valid_until_past', `有效期截止日 ${input.validUntil} 已过`, `The last valid day ${input.validUntil} has passed`);
  return db.transaction(async (tx) => {
    const [agent] = await queryRows<{ id: number; path: string | null }>(tx, sql`select u.id, o.path from users u left join offices o on o.id = u.office_id
      where u.id = ${input.agentUserId} and u.active and 'window_agent' = any(u.roles)`);
    if (!agent) throw badRequest('not_a_window_agent', '帮办代办人员须为在岗的综合窗口人员', 'The agent must be an active window agent');
    if (!mayManage(actor, uscc, agent.path)) throw forbidden('只能为本企业授权，或为本单位（含下级）的窗口人员登记授权', 'An enterprise authorises for itself; a leader records authorisations of agents in their own office subtree');
    if (input.serviceItemId) {
      const [item] = await queryRows<{ id: number }>(tx, sql`select id from service_items where id = ${input.serviceItemId}`);
      if (!item) throw badRequest('unknown_service_item', `事项 ${input.serviceItemId} 不存在`, `Service item ${input.serviceItemId} does not exist`);
    }
    const [row] = await queryRows<{ id: number }>(tx, sql`insert into agency_authorisations (agent_user_id, enterprise_uscc, enterprise_name, service_item_id, valid_until, document_ref, granted_by_user_id, granted_by_name, granted_at)
      values (${agent.id}, ${uscc}, ${input.enterprise.name.trim()}, ${input.serviceItemId ?? null}, ${input.validUntil}::date, ${input.documentRef.trim()}, ${actor.userId}, ${actor.name}, ${now.toISOString()}::timestamptz)
      returning id::int as id`);
    const view = (await readAuthorisation(tx, row.id))!;
    await recordAudit(tx, actor, { action: 'agency_authorisation.grant', entityType: 'agency_authorisation', entityId: row.id, after: strip(view) });
    return view;
  });
}

const strip = ({ agentOfficePath: _p, ...v }: AuthorisationView & { agentOfficePath?: string | null }): AuthorisationView => v;

async function readAuthorisation(db: Db, id: number): Promise<(AuthorisationView & { agentOfficePath: string | null }) | null> {
  const [r] = await queryRows<AuthorisationView & { agentOfficePath: string | null }>(db, sql`${SELECT} where g.id = ${id}`);
  return r ?? null;
}

export async function revokeAuthorisation(db: Db, actor: Actor, id: number, reason: string, now = new Date()): Promise<AuthorisationView> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from agency_authorisations where id = ${id} for update`);
    const found = await readAuthorisation(tx, id);
    if (!found || !(mayManage(actor, found.enterpriseUscc, found.agentOfficePath) || found.agentUserId === actor.userId)) throw notFound({ zh: '帮办代办授权', en: 'agency authorisation' }, id);
    if (found.revokedAt) throw new AppError(409, 'already_revoked', '该授权已撤销', 'The authorisation has already been revoked');
    await tx.execute(sql`update agency_authorisations set revoked_at = ${now.toISOString()}::timestamptz, revoked_reason = ${reason.trim()} where id = ${id}`);
    const view = strip((await readAuthorisation(tx, id))!);
    await recordAudit(tx, actor, { action: 'agency_authorisation.revoke', entityType: 'agency_authorisation', entityId: id, before: { revokedAt: null }, after: { revokedAt: view.revokedAt, reason: view.revokedReason } });
    return view;
  });
}

/** The authorisations the actor may see: an enterprise its own, an agent those it holds, a leader those of agents in its subtree. */
export async function listAuthorisations(db: Db, actor: Actor): Promise<AuthorisationView[]> {
  const parts = [
    ...(actor.roles.includes('enterprise') && actor.enterpriseUscc ? [sql`g.enterprise_uscc = ${actor.enterpriseUscc}`] : []),
    ...(actor.userId !== null ? [sql`g.agent_user_id = ${actor.userId}`] : []),
    ...(actor.roles.includes('leader') && actor.officePath ? [sql`o.path like ${`${actor.officePath}%`}`] : []),
  ];
  if (!parts.length) return [];
  const rows = await queryRows<AuthorisationView & { agentOfficePath: string | null }>(db, sql`${SELECT} where ${sql.join(parts, sql` or `)} order by g.id desc`);
  return rows.map(strip);
}

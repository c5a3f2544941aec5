/**
 * The visits API (入企): yearly plans, visits and their actions on the kernel, the filing form's
 * assessment, joint visits, figures and the visit's QR code. Every list and view is scoped as
 * the lifecycle's readers say; the department never reads who rated.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import { IdParams, IsoDate, Version } from '../platform/http/schemas.js';
import { registerActionRoutes } from '../platform/lifecycle/index.js';
import { attachment } from '../platform/export/table.js';
import { isValidIsoDate, toLocalDate } from '../calendar/rules.js';
import { findOffice, OFFICE } from '../offices/queries.js';
import { canSeeOfficePath, hasAnyRole } from '../auth/permissions.js';
import { findEnterprise, normaliseUscc } from '../enterprises/index.js';
import { qrSvg } from '../signing/index.js';
import { VISIT_EXCEPTIONS, VISIT_STATUSES, type VisitStatus } from './contract.js';
import { planType, visitType, createPlan, createVisit, rateVisit } from './type.js';
import { visitSettings } from './settings.js';
import { listPlans, listVisits, planView, readPlan, readVisit, visitView, type VisitFilter } from './queries.js';
import { filedInYear, placesTaken, planOf } from './store.js';
import { assessVisit } from './rules.js';
import { acceptJointVisit, JointBody, jointProposals } from './joint.js';
import { figuresWorkbook, visitFigures } from './figures.js';
import { VisitFiling } from './commands/fileVisit.js';
import { RatingBody } from './commands/rate.js';
import { PlanFiling } from './commands/plan.js';
import type { VisitRow } from './lifecycle.js';

const OfficeId = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Year = Type.Integer({ minimum: 2000, maximum: 2999 });
const FLAGS = ['unscanned', 'late_filing', 'escalated', 'outside_service_week', 'joint'] as const;

const VisitQuery = Type.Object({
  status: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', maxLength: 200, description: `comma-separated: ${VISIT_STATUSES.join(', ')}` })),
  officeId: Type.Optional(OfficeId),
  uscc: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{18}$' })),
  year: Type.Optional(Year),
  month: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })),
  monthFrom: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Planned in this month or later' })),
  monthTo: Type.Optional(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Planned in this month or earlier' })),
  flag: Type.Optional(Type.Union(FLAGS.map((f) => Type.Literal(f)))),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });

const AssessQuery = Type.Object({
  uscc: Type.String({ minLength: 18, maxLength: 18 }),
  plannedDate: Type.String(IsoDate),
  officeId: Type.Optional(OfficeId),
  exception: Type.Optional(Type.Union(VISIT_EXCEPTIONS.map((e) => Type.Literal(e)))),
  emergency: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

const FiguresQuery = Type.Object({
  year: Year,
  officeId: Type.Optional(OfficeId),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('xlsx')])),
}, { additionalProperties: false });

function visitFilter(q: Static<typeof VisitQuery>): VisitFilter {
  const status = q.status?.split(',');
  const unknown = status?.filter((s) => !(VISIT_STATUSES as readonly string[]).includes(s));
  if (unknown?.length) throw badRequest('invalid_status', `未知入企状态：${unknown.join('、')}`, `Unknown visit status: ${unknown.join(', ')} (one of ${VISIT_STATUSES.join(', ')})`);
  return { ...q, status: status as VisitStatus[] | undefined };
}

export const visitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const policy = app.config.visits;
  const VISIT = visitType(policy);
  const PLAN = planType(policy);
  const settings = () => visitSettings(db, policy);
  const respond = async (actor: Parameters<typeof visitView>[1], row: VisitRow) => visitView(db, actor, await settings(), row, app.config.publicUrl);

  // ---- yearly plans (年初备案)
  app.get('/visit-plans', {
    schema: { tags: ['visits'], summary: 'Yearly visit plans of the departments in your scope (a business-environment office: its region\'s)', querystring: Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false }) },
  }, async (request) => ({ items: await listPlans(db, request.actor!, request.query.year) }));

  app.post('/visit-plans', {
    schema: { tags: ['visits'], summary: 'File the department\'s yearly plan: how many visits, to which enterprises or kinds, why (a handler or leader of the department)', body: PlanFiling },
  }, async (request, reply) => reply.status(201).send(await planView(db, request.actor!, await createPlan(db, PLAN, request.actor!, request.body))));

  app.get('/visit-plans/:id', { schema: { tags: ['visits'], summary: 'One yearly plan, with the visits filed against it', params: IdParams } },
    async (request) => planView(db, request.actor!, await readPlan(db, request.actor!, request.params.id)));

  registerActionRoutes(app, PLAN, { base: '/visit-plans', tags: ['visits'], respond: (actor, row) => planView(db, actor, row) });

  // ---- visits
  app.get('/visits', { schema: { tags: ['visits'], summary: 'Visits you may read: your subtree\'s departments\', your region\'s (business-environment office), your own (enterprise)', querystring: VisitQuery } },
    async (request) => listVisits(db, request.actor!, await settings(), visitFilter(request.query), app.config.publicUrl));

  app.get('/visits/assess', {
    schema: { tags: ['visits'], summary: 'Before filing: the month\'s service week, whether the date needs the escalated approval, the places left this year, and what would refuse it', querystring: AssessQuery },
  }, async (request) => {
    const actor = request.actor!;
    const q = request.query;
    if (!hasAnyRole(actor, ['handler', 'leader'])) throw forbidden('入企报备需要承办人或领导角色', 'Filing a visit needs the role handler or leader');
    const officeId = q.officeId ?? actor.officeId;
    const office = officeId ? await findOffice(db, officeId) : null;
    if (!office || !canSeeOfficePath(actor, office.path)) throw notFound(OFFICE, officeId ?? 0);
    if (!isValidIsoDate(q.plannedDate)) throw badRequest('invalid_date', `日期无效：${q.plannedDate}`, `Not a valid date: ${q.plannedDate}`);
    const enterprise = await findEnterprise(db, normaliseUscc(q.uscc));
    if (!enterprise) throw badRequest('unknown_enterprise', `企业库中没有统一社会信用代码为 ${q.uscc} 的企业`, `No enterprise with the code ${q.uscc} is in the registry`);
    const s = await settings();
    const year = Number(q.plannedDate.slice(0, 4));
    const plan = await planOf(db, office.id, year);
    return assessVisit(s.calendar, policy, {
      plannedDate: q.plannedDate, today: toLocalDate(new Date(), s.officeHours), exception: q.exception ?? null, emergency: !!q.emergency,
      usedThisYear: await placesTaken(db, office.id, enterprise.uscc, year), plan: plan && { plannedVisits: plan.plannedVisits, filed: await filedInYear(db, office.id, year) },
    });
  });

  app.post('/visits', {
    schema: { tags: ['visits'], summary: 'File a visit (报备): a handler or leader of the department; refused on a quiet day or beyond the yearly limit (listed exceptions apart)', body: VisitFiling },
  }, async (request, reply) => reply.status(201).send(await respond(request.actor!, await createVisit(db, VISIT, request.actor!, request.body))));

  app.get('/visits/joint-proposals', { schema: { tags: ['visits'], summary: 'Proposed joint visits: several departments\' visits to one enterprise in one service week' } },
    async (request) => ({ items: await jointProposals(db, request.actor!, await settings()) }));

  app.post('/visits/joint', {
    schema: { tags: ['visits'], summary: 'Merge the visits into one joint visit on one day of their service week (each visit\'s `join`: the department\'s head, an escalation approver or the business-environment office)', body: JointBody },
  }, async (request, reply) => {
    const rows = await acceptJointVisit(db, VISIT, request.actor!, await settings(), request.body);
    return reply.status(201).send({ jointVisitId: rows[0].jointVisitId, items: await Promise.all(rows.map((r) => respond(request.actor!, r))) });
  });

  app.get('/visits/figures', {
    schema: { tags: ['visits'], summary: 'Visit figures per department and month against last year; ratings only over at least k rated visits (format=xlsx for a workbook)', querystring: FiguresQuery },
  }, async (request, reply) => {
    const figures = await visitFigures(db, request.actor!, await settings(), request.query);
    if (request.query.format !== 'xlsx') return figures;
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`入企统计-${figures.year}`, `visit-figures-${figures.year}`, 'xlsx'))
      .header('cache-control', 'no-store')
      .send(await figuresWorkbook(figures));
  });

  app.get('/visits/:id', { schema: { tags: ['visits'], summary: 'One visit, with its code while it may be scanned and the actions open to you', params: IdParams } },
    async (request) => respond(request.actor!, await readVisit(db, request.actor!, await settings(), request.params.id)));

  app.get('/visits/:id/qr.svg', { schema: { tags: ['visits'], summary: 'The visit code (入企码) as a QR picture, while the visit may be scanned', params: IdParams } }, async (request, reply) => {
    const view = await respond(request.actor!, await readVisit(db, request.actor!, await settings(), request.params.id));
    if (!view.codeUrl) throw notFound({ zh: '入企码', en: 'visit code' }, request.params.id);
    return reply.header('content-type', 'image/svg+xml').header('cache-control', 'no-store').send(await qrSvg(view.codeUrl));
  });

  app.post('/visits/:id/rate', {
    schema: { tags: ['visits'], summary: '评价 — Rate the visit (the enterprise visited), anonymously to the department', params: IdParams, body: Type.Object({ version: Version, ...RatingBody.properties }, { additionalProperties: false }) },
  }, async (request) => {
    const { version, ...input } = request.body;
    return respond(request.actor!, await rateVisit(db, VISIT, request.actor!, request.params.id, version, input));
  });

  // The kernel's routes for the department's and the approvers' actions; scanning goes through the code, rating through its anonymous door above, merging through /visits/joint.
  const routed = Object.fromEntries(Object.entries(VISIT.commands).filter(([action]) => !['scan', 'rate', 'join'].includes(action))) as typeof VISIT.commands;
  registerActionRoutes(app, { ...VISIT, commands: routed }, { base: '/visits', tags: ['visits'], respond });
};

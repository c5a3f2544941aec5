/**
 * The public door's intake (群众): a citizen raises an appeal from the web form (or an Open311
 * client) without an account and is given the case code and a lookup secret, shown once.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Database } from '../../platform/db/engine.js';
import type { CaseType } from '../deadlines.js';
import type { Bilingual, PublicAppealReceipt } from '../contract.js';
import { IntakeBody } from '../routes.js';
import { intakeBatcher } from '../intake-batcher.js';
import { PUBLIC_ACTOR } from '../lifecycle.js';
import { prepareCase } from './createCase.js';

const PublicRequester = Type.Object({
  kind: Type.Union([Type.Literal('person'), Type.Literal('anonymous')], { description: 'person (name required) or anonymous' }),
  name: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
}, { additionalProperties: false });

/**
 * The web form: the staff intake body without what staff decide (channel — always `web` —,
 * priority, category) and without enterprise requesters (they use the enterprise portal).
 */
export const PublicAppealBody = Type.Object({
  type: IntakeBody.properties.type,
  title: IntakeBody.properties.title,
  content: IntakeBody.properties.content,
  address: IntakeBody.properties.address,
  location: IntakeBody.properties.location,
  regionCode: IntakeBody.properties.regionCode,
  requester: PublicRequester,
  confidential: Type.Optional(Type.Boolean({ description: 'Keep my identity from the offices handling the case (reports always are)' })),
}, { additionalProperties: false });
export type PublicAppealInput = Static<typeof PublicAppealBody>;

const lookupUrlFor = (code: string, secret: string) => `/public/appeals/${encodeURIComponent(code)}#secret=${encodeURIComponent(secret)}`;

function keepSecretNotice(code: string, secret: string): Bilingual {
  return {
    zh: `您的诉求已受理，编号 ${code}，查询密码 ${secret}。查询密码只显示这一次，请妥善保存（可截图或记下）：凭编号和查询密码可查看办理进度、补充材料和评价。请勿告诉他人。`,
    en: `Your appeal has been taken in as ${code}; its lookup secret is ${secret}. The secret is shown only this once: keep it (take a screenshot or write it down). With the code and the secret you can follow the case, add information and evaluate the answer. Do not share it.`,
  };
}

/**
 * Takes in a citizen's appeal from the web form (or an Open311 client) as a `web` case: what
 * `createCase(db, PUBLIC_ACTOR, input, { public: true })` does, group-committed with the other
 * appeals arriving at the same moment, as staff intake is.
 */
export async function createPublicAppeal(database: Database, input: PublicAppealInput): Promise<PublicAppealReceipt> {
  // The schema admits only the six appeal types; TypeBox types a union built from a list as string.
  const prepared = await prepareCase(database.db, PUBLIC_ACTOR, { ...input, type: input.type as CaseType, channel: 'web' }, { public: true });
  const created = await intakeBatcher(database).submit(prepared);
  // The public door always issues a secret; without one the citizen could never follow the case.
  if (!created.lookupSecret) throw new Error(`public intake of ${created.code} issued no lookup secret`);
  return { code: created.code, secret: created.lookupSecret, lookupUrl: lookupUrlFor(created.code, created.lookupSecret), notice: keepSecretNotice(created.code, created.lookupSecret) };
}


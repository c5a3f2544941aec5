/**
 * Texting a requester their lookup secret (查询密码) when intake was asked to: one notice to the
 * phone, queued as part of the statement that creates the case, for the SMS channel to deliver.
 */
import type { Subscriber } from '../../platform/lifecycle/index.js';
import { enqueueMany, enqueueManySql } from '../enqueue.js';
import type { NotificationInput } from '../rules.js';
import { CASE_SUBJECT } from '../rules.js';

/** What the notice reads of a new case: its code, and the secret with the phone it goes to (never stored with the case). */
interface NewCase {
  id: number;
  code: string;
  lookupSecretSms: { phone: string; secret: string } | null;
}

export const LOOKUP_SECRET_KIND = 'case.lookup_secret';

function secretNotices({ id, code, lookupSecretSms: sms }: NewCase): NotificationInput[] {
  if (!sms) return [];
  return [{
    recipient: { phone: sms.phone }, kind: LOOKUP_SECRET_KIND, subject: { type: CASE_SUBJECT, id }, carriesSecret: true,
    titleZh: `诉求 ${code} 查询密码`, titleEn: `Lookup secret of case ${code}`,
    bodyZh: `您的诉求已受理，编号 ${code}，查询密码 ${sms.secret}。凭编号和查询密码可在网上查看办理进度和评价，请勿告诉他人。`,
    bodyEn: `Your appeal was taken in as ${code}; its lookup secret is ${sms.secret}. With both you can follow it online and evaluate the answer. Do not share it.`,
  }];
}

export const lookupSecretSmsSubscriber: Subscriber<NewCase> = {
  name: 'notifications: lookup secret by text message',
  type: 'case',
  actions: ['create'],
  perform: (tx, { after }) => enqueueMany(tx, secretNotices(after)).then(() => undefined),
  createdInBulk: (changes) => enqueueManySql(changes.flatMap(({ after }) => secretNotices(after))),
};

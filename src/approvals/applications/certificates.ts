/**
 * The public check of a certificate's code (证照核验): the signature first (src/signing/), then
 * this module's record — the certificate as issued, or revoked with when and why. And the review
 * through the certificate's link: whoever holds a code that checks valid may review the
 * application once (the one review every application takes), as the certificate's holder.
 */
import type { Db } from '../../platform/db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { runAction } from '../../platform/lifecycle/index.js';
import { checkCode, CODE_REFUSALS } from '../../signing/index.js';
import type { CertificateCheck } from './contract.js';
import { certificateView } from './queries.js';
import { loadApplication } from './store.js';
import { certificateSubject } from './commands/result.js';
import { APPLICATION_TYPE } from './type.js';
import type { ApplicationItem } from './lifecycle.js';

/** Someone with the certificate in hand, without an account: they act as `public`, proven the holder by the code. */
const HOLDER_ACTOR: Actor = Object.freeze({ userId: null, name: 'public:certificate-holder', roles: [], officeId: null, officePath: null });

const NOT_OURS = { zh: '本系统没有该证照的记录', en: 'This system has no record of that certificate' };

const refused = (refusal: string, m: { zh: string; en: string }, lang: 'zh' | 'en'): CertificateCheck => ({
  status: 'refused', refusal, message: lang === 'en' ? m.en : m.zh, messageZh: m.zh, messageEn: m.en,
});

async function certificateOf(db: Db, code: string): Promise<{ item: ApplicationItem } | { refusal: string; message: { zh: string; en: string } }> {
  const check = await checkCode(db, code, 'certificate');
  if (!check.valid) return { refusal: check.refusal, message: CODE_REFUSALS[check.refusal] };
  const id = /^application:([0-9]{1,12})$/.exec(check.subject)?.[1];
  const item = id ? await loadApplication(db, Number(id)) : null;
  // Signed by us but not what the record holds: refused as unknown rather than trusted.
  if (!item || item.certificateCode !== code || certificateSubject(item.id) !== check.subject) return { refusal: 'not_found', message: NOT_OURS };
  return { item };
}

/** What the public check answers of a code: valid with what the certificate says, revoked with when and why, or why it is refused. */
export async function checkCertificate(db: Db, code: string, publicUrl: string, lang: 'zh' | 'en' = 'zh'): Promise<CertificateCheck> {
  const found = await certificateOf(db, code);
  if ('refusal' in found) return refused(found.refusal, found.message, lang);
  const certificate = certificateView(found.item, publicUrl)!;
  if (found.item.revokedAt) return { status: 'revoked', certificate, revokedAt: found.item.revokedAt.toISOString(), reason: found.item.revokedReason! };
  return { status: 'valid', certificate, reviewOpen: found.item.reviewGrade === null };
}

/** A review through the certificate's link: the code must check valid and the certificate stand. */
export async function reviewByCertificate(db: Db, code: string, input: { grade: string; comment?: string }): Promise<void> {
  const found = await certificateOf(db, code);
  if ('refusal' in found) throw new AppError(403, 'certificate_refused', `不能评价：${found.message.zh}`, `You cannot review: ${found.message.en}`, { refusal: found.refusal });
  if (found.item.revokedAt) throw new AppError(409, 'certificate_revoked', '该证照已撤销，不能通过证照评价', 'The certificate has been revoked; it takes no review');
  await runAction(db, APPLICATION_TYPE, HOLDER_ACTOR, { id: found.item.id, action: 'review', input, proven: 'holder' });
}

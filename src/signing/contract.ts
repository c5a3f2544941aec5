/**
 * What a check of a signed code answers, shared by the API and the pages that show it. Constants
 * and types only, so the browser bundle can import it.
 */

/** Why a code is refused: a module adds its own (revoked, already used) from its records. */
export type CodeRefusal = 'malformed' | 'forged' | 'expired' | 'wrong_purpose' | 'key_withdrawn';

export const CODE_REFUSALS: Record<CodeRefusal, { zh: string; en: string }> = {
  malformed: { zh: '这不是本系统签发的码，无法识别', en: 'This is not a code this system issues; it cannot be read' },
  forged: { zh: '码的签名不符：该码不是本系统签发的，或已被篡改', en: 'The code\'s signature does not match: it was not issued by this system, or it has been altered' },
  expired: { zh: '码已过期', en: 'The code has expired' },
  wrong_purpose: { zh: '该码不用于此处（用途不符）', en: 'This code is not for this purpose' },
  key_withdrawn: { zh: '签发该码的密钥已被撤销，码不再有效', en: 'The key that signed this code has been withdrawn; the code is no longer valid' },
};

/** A key as the public sees it (JWKS), and as the operator lists them. */
export interface SigningKeyView {
  kid: string;
  algorithm: string;
  createdAt: string;
  /** Rotated out: it signs no more, its codes still verify. */
  retiredAt: string | null;
  /** Withdrawn (compromised): its codes are refused. */
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

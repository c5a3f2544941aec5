// The public certificate check and the review through the certificate's link, as the pages use them.
import { api } from '../../shell';
import type { CertificateCheck, ReviewGrade } from '../../../../src/approvals/applications/contract';

export { REVIEW_GRADES, REVIEW_GRADE_NAMES, RESULT_KINDS } from '../../../../src/approvals/applications/contract';
export type { CertificateCheck, CertificateView, ReviewGrade } from '../../../../src/approvals/applications/contract';

/** The code from what someone pasted: the code itself, or the whole link the QR carries. */
export function codeFrom(text: string): string {
  const t = text.trim();
  const at = t.indexOf('/verify/');
  return (at >= 0 ? t.slice(at + '/verify/'.length) : t).split(/[?#\s]/)[0];
}

export const certificatesApi = {
  check: (code: string, signal?: AbortSignal) => api.get<CertificateCheck>(`/api/public/certificates/${encodeURIComponent(code)}`, undefined, { signal, noAuthRedirect: true }),
  review: (code: string, body: { grade: ReviewGrade; comment?: string }) =>
    api.post<CertificateCheck>(`/api/public/certificates/${encodeURIComponent(code)}/review`, body, { noAuthRedirect: true }),
};

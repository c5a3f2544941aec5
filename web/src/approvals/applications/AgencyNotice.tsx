// Before acting, a window agent sees whether it holds the applicant enterprise's authorisation
// (帮办代办) for this application: valid (what it covers, until when) or lapsed (why). The
// standing is the server's own rule (agency.ts), over the agent's own authorisations.
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, useLoad, beijingToday } from '../../shell';
import { bestStanding } from '../../../../src/approvals/applications/agency';
import { agencyApi, type ApplicationView } from './api';

export function AgencyNotice({ view, agentUserId }: { view: ApplicationView; agentUserId: number }) {
  const { t } = useI18n();
  const list = useLoad((signal) => agencyApi.list(signal), []);
  const uscc = view.applicantUscc;
  if (!uscc || !list.data) return null;
  const mine = list.data.filter((a) => a.agentUserId === agentUserId && a.enterpriseUscc === uscc);
  const best = bestStanding(mine.map((a) => ({ ...a, revokedAt: a.revokedAt ? new Date(a.revokedAt) : null })), view.serviceItemId, beijingToday());
  const enterprise = view.applicantName;
  // None held: the agent is here as the window that took it in, in its own right.
  if (!best) return null;
  if (best.standing !== 'valid') {
    return <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="agency-notice" data-standing={best.standing} message={t('agency.holdsLapsed', { enterprise, why: t(`agency.lapsed.${best.standing}`) })}
      action={<Link to="/approvals/agency">{t('agency.menu')}</Link>} />;
  }
  const a = mine.find((x) => x.id === best.authorisation.id)!;
  return (
    <Alert type="success" showIcon style={{ marginTop: 12 }} data-testid="agency-notice" data-standing="valid"
      message={t('agency.holds', { enterprise, scope: a.serviceItemName ?? t('agency.allItems'), until: a.validUntil, document: a.documentRef })} />
  );
}

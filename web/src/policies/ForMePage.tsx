// The enterprise portal's "policies for me" (为我匹配的政策): every published policy judged on the
// enterprise's own records today, with each condition's reason and what is still missing; mark read, apply.
import { App, Button, Card, Collapse, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, useLoad, useReportError } from '../shell';
import { enterprisesApi } from '../enterprises/api';
import { MATCH_STATUS_NAMES, policiesApi, REGISTRY_FACTS, type EnterprisePolicy } from './api';
import { nameIn } from './names';

const OUTCOME_COLORS = { met: 'green', not_met: 'red', unknown: 'orange' } as const;
// Registry fields are corrected in the registry, not declared here.
const isRegistryFact = (fact: string) => (REGISTRY_FACTS as readonly string[]).includes(fact);

export default function ForMePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  // An enterprise user reads exactly one record of the registry: its own.
  const mine = useLoad(async (signal) => {
    const own = (await enterprisesApi.list({ pageSize: 1 }, signal)).items[0];
    return own ? policiesApi.forEnterprise(own.uscc, signal) : null;
  }, []);
  if (!mine.loading && !mine.data) return <Card><Empty description={t('policies.forMe.notEnterprise')} /></Card>;

  const act = async (e: EnterprisePolicy, action: 'read' | 'apply') => {
    try {
      await policiesApi.actOnMatch(e.match!.id, action, e.match!.version);
      message.success(t(action === 'apply' ? 'policies.forMe.applied' : 'policies.forMe.read'));
      mine.reload();
    } catch (err) {
      reportError(err, { onReload: mine.reload });
    }
  };
  const entry = (e: EnterprisePolicy) => (
    <List.Item key={e.policy.id} data-testid={`for-me-${e.policy.id}`}
      actions={[
        e.match?.actions.includes('read') && <Button key="read" size="small" onClick={() => act(e, 'read')} data-testid={`for-me-read-${e.policy.id}`}>{t('policies.forMe.read')}</Button>,
        e.match?.actions.includes('apply') && <Button key="apply" size="small" type="primary" onClick={() => act(e, 'apply')} data-testid={`for-me-apply-${e.policy.id}`}>{t('policies.forMe.apply')}</Button>,
      ].filter(Boolean)}>
      <List.Item.Meta
        title={<Space wrap>{e.policy.title}<Typography.Text type="secondary">{e.policy.documentNumber}</Typography.Text>
          {e.match && <Tag color="blue" data-testid={`for-me-status-${e.policy.id}`}>{nameIn(lang, MATCH_STATUS_NAMES[e.match.status])}</Tag>}
          {e.match?.grantedAmount != null && <Tag color="green">{t('policies.forMe.granted', { amount: e.match.grantedAmount })}</Tag>}</Space>}
        description={
          <>
            <div>{e.policy.issuingBody} · {e.policy.benefit.description}</div>
            <ul style={{ margin: '4px 0', paddingLeft: 16 }} data-testid={`for-me-reasons-${e.policy.id}`}>
              {e.evaluation.conditions.map((c, i) => <li key={i}><Tag color={OUTCOME_COLORS[c.outcome]}>{c.clause}</Tag>{nameIn(lang, c.reason)}</li>)}
            </ul>
            {e.evaluation.missing.length > 0 && (
              <Typography.Text type="warning" data-testid={`for-me-missing-${e.policy.id}`}>
                {t('policies.forMe.missing')}
                {e.evaluation.missing.map((fact, i) => (
                  <span key={fact}>{i > 0 && '、'}{isRegistryFact(fact) ? fact : <Link to={`/enterprises/${encodeURIComponent(mine.data!.uscc)}/facts?name=${encodeURIComponent(fact)}`} data-testid={`for-me-declare-${fact}`}>{fact}</Link>}</span>
                ))}
              </Typography.Text>
            )}
          </>
        }
      />
    </List.Item>
  );
  const section = (items: EnterprisePolicy[] | undefined) => (items?.length ? <List itemLayout="vertical" dataSource={items} renderItem={entry} /> : <Empty description={t('policies.forMe.none')} />);
  const d = mine.data;
  return (
    <Card title={t('policies.forMe.title')} loading={mine.loading}
      extra={d && <Space wrap><Typography.Text type="secondary">{t('policies.forMe.asOf', { date: d.asOf })}</Typography.Text>
        <Link to={`/enterprises/${encodeURIComponent(d.uscc)}/facts`} data-testid="for-me-facts">{t('policies.forMe.declare')}</Link></Space>}>
      <Collapse defaultActiveKey={['eligible', 'unknown']} data-testid="for-me" items={[
        { key: 'eligible', label: t('policies.forMe.eligible', { n: d?.eligible.length ?? 0 }), children: section(d?.eligible) },
        { key: 'unknown', label: t('policies.forMe.unknown', { n: d?.unknown.length ?? 0 }), children: section(d?.unknown) },
        { key: 'not', label: t('policies.forMe.notEligible', { n: d?.notEligible.length ?? 0 }), children: section(d?.notEligible) },
      ]} />
    </Card>
  );
}

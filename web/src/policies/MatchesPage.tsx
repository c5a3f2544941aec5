// The enterprises a policy was pushed to: why each matched and how far it got; its editors grant or decline applications.
import { useState } from 'react';
import { App, Button, Card, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useParams } from 'react-router-dom';
import { useI18n, useLoad, useReportError } from '../shell';
import { MATCH_STATUS_NAMES, policiesApi, type MatchView } from './api';
import { nameIn } from './names';

const STATUS_COLORS = { pushed: 'blue', read: 'cyan', applied: 'orange', granted: 'green', declined: 'red' } as const;

export default function MatchesPage() {
  const policyId = Number(useParams().id);
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const matches = useLoad((signal) => policiesApi.matches(policyId, signal), [policyId]);
  const [deciding, setDeciding] = useState<{ match: MatchView; action: 'grant' | 'decline' } | null>(null);
  const [amount, setAmount] = useState<number | null>(null);
  const [reason, setReason] = useState('');

  const decide = async () => {
    if (!deciding) return;
    try {
      await policiesApi.actOnMatch(deciding.match.id, deciding.action, deciding.match.version, deciding.action === 'grant' ? { amount: amount ?? 0 } : { reason });
      message.success(t(deciding.action === 'grant' ? 'policies.match.grant' : 'policies.match.decline'));
      setDeciding(null);
      matches.reload();
    } catch (err) {
      reportError(err, { onReload: matches.reload });
    }
  };

  const columns: TableColumnsType<MatchView> = [
    { title: t('policies.match.enterprise'), key: 'e', render: (_: unknown, m) => <Space direction="vertical" size={0}><span>{m.enterpriseName}</span><small>{m.uscc}</small></Space> },
    {
      title: t('policies.match.status'), key: 'status',
      render: (_: unknown, m) => <Space><Tag color={STATUS_COLORS[m.status]} data-testid={`match-status-${m.uscc}`}>{nameIn(lang, MATCH_STATUS_NAMES[m.status])}</Tag>{m.automatic && <Tag color="gold">{t('policies.match.automatic')}</Tag>}{m.grantedAmount !== null && `${m.grantedAmount} 元`}</Space>,
    },
    { title: t('policies.match.reasons'), key: 'reasons', render: (_: unknown, m) => <ul style={{ margin: 0, paddingLeft: 16 }}>{m.evaluation.conditions.map((c, i) => <li key={i}>{nameIn(lang, c.reason)}</li>)}</ul> },
    {
      title: '', key: 'actions',
      render: (_: unknown, m) => (
        <Space>
          {m.actions.includes('grant') && <Button size="small" type="primary" onClick={() => { setAmount(null); setDeciding({ match: m, action: 'grant' }); }}>{t('policies.match.grant')}</Button>}
          {m.actions.includes('decline') && <Button size="small" danger onClick={() => { setReason(''); setDeciding({ match: m, action: 'decline' }); }}>{t('policies.match.decline')}</Button>}
        </Space>
      ),
    },
  ];
  return (
    <Card title={`${matches.data?.policy.title ?? ''} — ${t('policies.matches')}`}>
      <Table<MatchView> rowKey="id" size="middle" columns={columns} dataSource={matches.data?.items ?? []} loading={matches.loading} data-testid="policy-matches"
        locale={{ emptyText: t('policies.match.none') }} pagination={false} />
      <Modal open={deciding !== null} onCancel={() => setDeciding(null)} onOk={decide} title={deciding && t(deciding.action === 'grant' ? 'policies.match.grant' : 'policies.match.decline')}>
        {deciding?.action === 'grant'
          ? <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder={t('policies.match.amount')} value={amount} onChange={setAmount} />
          : <Input.TextArea placeholder={t('policies.match.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Modal>
    </Card>
  );
}

// Proposed joint visits (联合入企): several departments' visits to one enterprise in one service week, merged on one day.
import { useState } from 'react';
import { App, Button, Card, Empty, List, Select, Space, Tag } from 'antd';
import { errorText, useI18n, useLoad } from '../shell';
import { visitsApi, type JointProposal } from './api';

export default function JointPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const proposals = useLoad((signal) => visitsApi.proposals(signal), []);
  const [days, setDays] = useState<Record<string, string>>({});
  const key = (p: JointProposal) => `${p.uscc}/${p.month}`;
  const accept = async (p: JointProposal) => {
    try {
      await visitsApi.join(p.visits.map((v) => ({ id: v.id, version: v.version })), days[key(p)] ?? p.proposedDate);
      message.success(t('visits.saved'));
      proposals.reload();
    } catch (err) {
      message.error(errorText(err, t('error.unexpected')));
    }
  };
  const items = proposals.data?.items ?? [];
  return (
    <Card title={t('visits.joint.title')}>
      {items.length === 0 && !proposals.loading ? <Empty description={t('visits.joint.none')} /> : (
        <List dataSource={items} loading={proposals.loading} renderItem={(p) => (
          <List.Item actions={[
            <Select key="day" value={days[key(p)] ?? p.proposedDate} aria-label={t('visits.joint.date')} style={{ width: 140 }}
              options={p.serviceWeek.map((d) => ({ value: d, label: d }))} onChange={(d) => setDays({ ...days, [key(p)]: d })} />,
            <Button key="accept" type="primary" onClick={() => accept(p)}>{t('visits.joint.accept')}</Button>,
          ]}>
            <List.Item.Meta title={`${p.enterpriseName}（${p.month}）`} description={<Space wrap>{p.visits.map((v) => <Tag key={v.id}>{v.officeName} · {v.plannedDate}</Tag>)}</Space>} />
          </List.Item>
        )} />
      )}
    </Card>
  );
}

// Picking the published service item to apply for: search by name or code (and, for staff, by
// department), then the item's current guide with its checklist of materials.
import { useState } from 'react';
import { Button, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useI18n, useLoad, useReportError } from '../../shell';
import { OfficeTreeSelect, type Office } from '../../offices';
import { days, guidesApi, type ServiceGuide } from '../api';

const PAGE_SIZE = 8;

export function ItemPicker({ departments, picked, onPick }: { departments?: Office[]; picked: ServiceGuide | null; onPick: (guide: ServiceGuide | null) => void }) {
  const { t } = useI18n();
  const reportError = useReportError();
  const [q, setQ] = useState('');
  const [officeId, setOfficeId] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => guidesApi.list({ q: q || undefined, officeId: officeId ?? undefined, page, pageSize: PAGE_SIZE }, signal), [q, officeId, page]);
  const [loading, setLoading] = useState<string | null>(null);

  const pick = async (code: string) => {
    setLoading(code);
    try {
      onPick(await guidesApi.get(code));
    } catch (e) {
      reportError(e);
    } finally {
      setLoading(null);
    }
  };

  if (picked) {
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="item-picked">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="item-picked-name">{picked.name}</Typography.Text>
          <Button onClick={() => onPick(null)} data-testid="item-change">{t('applications.intake.changeItem')}</Button>
        </Space>
        <Space size={[8, 4]} wrap>
          <Typography.Text type="secondary">{picked.departmentName}</Typography.Text>
          <Tag color="blue">{t('applications.intake.committed', { days: days(picked.committedLimit, t) })}</Tag>
          <Tag>{t('applications.intake.statutory', { days: days(picked.statutoryLimit, t) })}</Tag>
        </Space>
      </Space>
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        <Input.Search allowClear placeholder={t('applications.intake.searchItem')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} enterButton data-testid="item-search" style={{ flex: '1 1 240px', maxWidth: 400 }} />
        {departments ? (
          <OfficeTreeSelect offices={departments} value={officeId} onChange={(id) => { setOfficeId(id ?? null); setPage(1); }} placeholder={t('approvals.department')} style={{ flex: '1 1 200px', maxWidth: 300 }} />
        ) : null}
      </div>
      <List size="small" loading={list.loading} dataSource={list.data?.items ?? []} locale={{ emptyText: <Empty description={t('approvals.guide.empty')} /> }}
        pagination={list.data && list.data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: list.data.total, onChange: setPage, size: 'small' } : false}
        renderItem={(item) => (
          <List.Item key={item.id} data-testid="item-option" actions={[
            <Button key="pick" size="small" type="link" loading={loading === item.implementationCode} onClick={() => pick(item.implementationCode)} data-testid="item-pick">{t('applications.intake.pick')}</Button>,
          ]}>
            <List.Item.Meta title={item.name} description={<Space size={[8, 0]} wrap><span>{item.officeName}</span><span>{t('applications.intake.committed', { days: days(item.committedLimit, t) })}</span></Space>} />
          </List.Item>
        )} />
    </Space>
  );
}

// The hotspot board (热点看板): the hotspots of the viewer's offices, newest week first, each with
// why it was flagged; a card opens the hotspot with its trend and cases.
import { useState } from 'react';
import { Card, Col, Empty, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { HOTSPOT_KIND_NAMES, HOTSPOT_STATUS_NAMES, proactiveApi, seriesLabel, type HotspotStatus } from './api';

const STATUS_COLOR: Record<HotspotStatus, string> = { new: 'red', dismissed: 'default', tasked: 'green' };

export default function HotspotBoardPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<HotspotStatus | 'all'>('new');
  const list = useLoad((signal) => proactiveApi.hotspots(status === 'all' ? {} : { status }, signal), [status]);
  const name = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('proactive.hotspots.title')}</Typography.Title>
        <Segmented
          data-testid="hotspots-status"
          value={status}
          onChange={(v) => setStatus(v as HotspotStatus | 'all')}
          options={[...(['new', 'tasked', 'dismissed'] as const).map((s) => ({ value: s, label: name(HOTSPOT_STATUS_NAMES[s]) })), { value: 'all', label: t('proactive.hotspots.all') }]}
        />
      </Space>
      <Spin spinning={list.loading}>
        {list.data && list.data.items.length === 0 && <Empty description={t('proactive.hotspots.empty')} />}
        <Row gutter={[16, 16]}>
          {list.data?.items.map((h) => (
            <Col key={h.id} xs={24} md={12} xl={8}>
              <Card
                data-testid={`hotspot-card-${h.id}`}
                title={<Space><Tag color="volcano">{name(HOTSPOT_KIND_NAMES[h.kind])}</Tag><span>{seriesLabel(h, lang)}</span></Space>}
                extra={<Link to={`/hotspots/${h.id}`} data-testid={`hotspot-open-${h.id}`}>{t('proactive.hotspot.open')}</Link>}
              >
                <Space direction="vertical">
                  <Space>
                    <Typography.Text strong style={{ fontSize: 24 }}>{h.observed}</Typography.Text>
                    <Typography.Text type="secondary">{t('proactive.hotspot.observed')} · {h.week}</Typography.Text>
                    <Tag color={STATUS_COLOR[h.status]}>{name(HOTSPOT_STATUS_NAMES[h.status])}</Tag>
                  </Space>
                  <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ margin: 0 }}>{name(h.why)}</Typography.Paragraph>
                  <Typography.Text type="secondary">{h.officeName}</Typography.Text>
                </Space>
              </Card>
            </Col>
          ))}
        </Row>
      </Spin>
    </Space>
  );
}

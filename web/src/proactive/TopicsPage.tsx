// The leader's monthly topic view (每月一题): the topics chosen, month by month, and the effect
// table of every finished task from a hotspot, with its workbook.
import { Button, Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { proactiveApi, signedPercent, TASK_STATUS_NAMES, type TaskView } from './api';

export default function TopicsPage() {
  const { t, lang } = useI18n();
  const topics = useLoad((signal) => proactiveApi.tasks({ topics: true }, signal), []);
  const effect = useLoad((signal) => proactiveApi.effect(signal), []);
  const name = (b: { zh: string; en: string }) => (lang === 'en' ? b.en : b.zh);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('proactive.topics.title')}</Typography.Title>
      <Card>
        {topics.data && topics.data.items.length === 0 ? <Empty description={t('proactive.topics.empty')} /> : (
          <List
            loading={topics.loading} dataSource={topics.data?.items ?? []}
            renderItem={(x) => (
              <List.Item data-testid={`topic-${x.id}`}>
                <Space><Tag color="gold">{x.topicMonth}</Tag><Link to={`/proactive-tasks/${x.id}`}>{x.title}</Link><Tag>{name(TASK_STATUS_NAMES[x.status])}</Tag>{x.ownerOfficeName}</Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card title={t('proactive.topics.effectTable')} extra={<Button icon={<DownloadOutlined />} href={proactiveApi.effectXlsxUrl} data-testid="effect-export">{t('proactive.topics.export')}</Button>}>
        <Table<TaskView>
          rowKey="id" size="small" loading={effect.loading} dataSource={effect.data?.items ?? []} pagination={false}
          columns={[
            { title: t('proactive.field.title'), dataIndex: 'title', render: (v: string, x) => <Link to={`/proactive-tasks/${x.id}`}>{v}</Link> },
            { title: t('proactive.task.topic'), dataIndex: 'topicMonth' },
            { title: t('proactive.effect.before'), key: 'before', render: (_, x) => x.effect?.before ?? '—' },
            { title: t('proactive.effect.after'), key: 'after', render: (_, x) => <span data-testid={`effect-row-${x.id}`}>{x.effect?.after ?? '—'}</span> },
            { title: t('proactive.effect.change'), key: 'change', render: (_, x) => signedPercent(x.effect?.change ?? null) },
            { title: t('proactive.effect.seasonal'), key: 'seasonal', render: (_, x) => signedPercent(x.effect?.seasonalChange ?? null) },
            { title: t('proactive.effect.net'), key: 'net', render: (_, x) => signedPercent(x.effect?.netChange ?? null) },
          ]}
        />
      </Card>
    </Space>
  );
}

// The public results (抽查结果公示), per task, searchable by an enterprise's code; no log-in, phone width too.
import { useState } from 'react';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public';
import { inspectionsApi } from './api';

export default function PublicResultsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const [uscc, setUscc] = useState(params.get('uscc') ?? '');
  const list = useLoad((signal) => inspectionsApi.publicResults(params.get('uscc') ? { uscc: params.get('uscc')! } : {}, signal), [params]);
  return (
    <PublicLayout>
      <Card title={t('inspections.public.title')}>
        <Input.Search allowClear enterButton value={uscc} onChange={(e) => setUscc(e.target.value)} placeholder={t('inspections.public.uscc')} aria-label={t('inspections.public.uscc')}
          onSearch={(v) => setParams(v.trim() ? { uscc: v.trim().toUpperCase() } : {})} data-testid="public-inspections-search" />
        <List style={{ marginTop: 16 }} loading={list.loading} dataSource={list.data ?? []} locale={{ emptyText: <Empty description={t('inspections.public.empty')} /> }}
          renderItem={(task) => (
            <List.Item key={task.id} data-testid="public-inspection-task">
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>{task.title}</Typography.Text>
                <Typography.Text type="secondary">{task.departments.join('、')} · {task.periodFrom} – {task.periodTo}</Typography.Text>
                <Typography.Text type="secondary">{t('inspections.public.publishedAt')}：{task.publishedAt.slice(0, 10)} · <Link to={`/public/inspections/${task.id}/draw`}>{t('inspections.public.draw')}</Link></Typography.Text>
                <List size="small" dataSource={task.results} renderItem={(r) => (
                  <List.Item key={r.uscc} data-testid="public-inspection-result">
                    <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                      <span style={{ wordBreak: 'break-all' }}>{r.enterpriseName}</span>
                      <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>{r.uscc}</Typography.Text>
                      <Space wrap size={4}>
                        <Tag color={r.result === 'no_problem' ? 'green' : 'orange'} style={{ whiteSpace: 'normal' }}>{lang === 'en' ? r.resultName.en : r.resultName.zh}</Tag>
                        {r.firstOffenceNoPenalty && <Tag>{t('inspections.result.firstOffence')}</Tag>}
                      </Space>
                      {r.findings && <Typography.Text>{r.findings}</Typography.Text>}
                    </Space>
                  </List.Item>
                )} />
              </Space>
            </List.Item>
          )} />
      </Card>
    </PublicLayout>
  );
}

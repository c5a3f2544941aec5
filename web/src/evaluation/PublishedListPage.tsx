// One published version of a month's red and black lists, as it was published: who, when, why
// (for a correction), the ranking per peer group, export.
import { Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { useI18n, useLoad } from '../shell';
import { evaluationApi, listExportUrl } from './api';
import { ExportButtons } from './controls';
import { RankingTables } from './RankingTables';

export default function PublishedListPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const list = useLoad((signal) => evaluationApi.list(id, signal), [id]);
  const l = list.data;
  return (
    <Card
      title={l ? t('evaluation.list.title', { month: l.month, scope: l.scopeOfficeName }) : t('evaluation.list.titleShort')}
      extra={
        <Space wrap>
          {l && (
            <Link to={`/evaluation/ranking?month=${l.month}&scope=${l.scopeOfficeId}`}>
              <Button icon={<ArrowLeftOutlined />}>{t('evaluation.list.backToRanking')}</Button>
            </Link>
          )}
          {Number.isInteger(id) && id > 0 && <ExportButtons xlsx={listExportUrl('xlsx', id)} csv={listExportUrl('csv', id)} testId="eval-list-export" />}
        </Space>
      }
      data-testid="eval-list"
    >
      {!l ? (
        <Spin spinning={list.loading}>
          <div style={{ minHeight: 120 }} />
        </Spin>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('evaluation.list.version')}>
              <Tag color={l.version === 1 ? 'blue' : 'orange'} data-testid="eval-list-version">
                {t('evaluation.list.versionN', { n: l.version })}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluation.list.publishedAt')}>
              {dayjs(l.publishedAt).format('YYYY-MM-DD HH:mm')} · {l.publishedBy}
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluation.list.reason')} span="filled">
              <span data-testid="eval-list-reason">{l.reason ?? <Typography.Text type="secondary">{t('evaluation.list.first')}</Typography.Text>}</span>
            </Descriptions.Item>
          </Descriptions>
          <RankingTables ranking={l.ranking} testId="eval-list" />
        </Space>
      )}
    </Card>
  );
}

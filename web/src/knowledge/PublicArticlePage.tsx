// One public knowledge answer: the question, the answer as written (line breaks kept), who
// answers for it, where and until when it applies; no log-in.
import { Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { isApiError, useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public';
import { knowledgeApi } from './api';

export default function PublicArticlePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const article = useLoad((signal) => knowledgeApi.publicGet(Number(id), signal), [id], false);
  const a = article.data;
  return (
    <PublicLayout>
      {article.loading && !a ? <Spin /> : !a ? (
        <Result status={isApiError(article.error) && article.error.status === 404 ? '404' : 'error'}
          subTitle={isApiError(article.error) ? article.error.message : t('error.unexpected')} extra={<Link to="/public/knowledge">{t('knowledge.public.back')}</Link>} />
      ) : (
        <Card title={<span data-testid="public-article-title" style={{ whiteSpace: 'normal' }}>{a.title}</span>} extra={<Link to="/public/knowledge">{t('knowledge.public.back')}</Link>}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>{a.question}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="public-article-answer">{a.answer}</Typography.Paragraph>
            <Space size={[8, 4]} wrap>{[a.category, ...a.keywords].map((k) => <Tag key={k}>{k}</Tag>)}</Space>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('knowledge.public.answeredBy')}>{a.officeName}</Descriptions.Item>
              <Descriptions.Item label={t('knowledge.public.appliesTo')}>{a.regionName ?? t('knowledge.public.everywhere')}</Descriptions.Item>
              {a.validUntil && <Descriptions.Item label={t('knowledge.field.validUntil')}>{a.validUntil}</Descriptions.Item>}
              <Descriptions.Item label={t('knowledge.public.updated')}>{dayjs(a.updatedAt).format('YYYY-MM-DD')}</Descriptions.Item>
            </Descriptions>
          </Space>
        </Card>
      )}
    </PublicLayout>
  );
}

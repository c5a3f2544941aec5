// One knowledge article (知识条目): its content in a form for those the server lets change it,
// read-only for everyone else; publish, archive and withdraw as the server's actions allow (an
// action its state blocks shows why); who wrote, changed and published it, and how often it was used.
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Result, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError, useI18n, useLoad, useReportError } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import { RegionSelect } from '../regions';
import { knowledgeApi, STATUS_COLORS, type ArticleAction, type ArticleContent, type ArticleDetail } from './api';

const STATUS_ACTIONS = ['publish', 'withdraw', 'archive'] as const satisfies readonly Exclude<ArticleAction, 'update'>[];

interface ArticleForm extends Omit<ArticleContent, 'validFrom' | 'validUntil' | 'officeId'> {
  officeId: number | null;
  validFrom: Dayjs | null;
  validUntil: Dayjs | null;
}

const toForm = (a: ArticleDetail): ArticleForm => ({
  title: a.title, question: a.question, answer: a.answer, category: a.category, keywords: a.keywords, officeId: a.officeId, regionCode: a.regionCode,
  validFrom: a.validFrom ? dayjs(a.validFrom) : null, validUntil: a.validUntil ? dayjs(a.validUntil) : null,
});
const day = (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

export default function ArticlePage() {
  const { id } = useParams();
  const articleId = id ? Number(id) : null;
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [form] = Form.useForm<ArticleForm>();
  const loaded = useLoad((signal) => (articleId ? knowledgeApi.get(articleId, signal) : Promise.resolve(null)), [articleId], false);
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const [busy, setBusy] = useState(false);
  const article = loaded.data ?? null;
  useEffect(() => {
    if (article) form.setFieldsValue(toForm(article));
  }, [article, form]);

  if (articleId && !loaded.loading && !article) {
    return <Result status={isApiError(loaded.error) && loaded.error.status === 404 ? '404' : 'error'} subTitle={isApiError(loaded.error) ? loaded.error.message : t('error.unexpected')} />;
  }
  const editable = !articleId || !!article?.actions.includes('update');

  const run = async (fn: () => Promise<ArticleDetail>, done: string) => {
    setBusy(true);
    try {
      const saved = await fn();
      message.success(done);
      if (!articleId) navigate(`/knowledge/${saved.id}`, { replace: true });
      else loaded.setData(saved);
    } catch (err) {
      reportError(err, { onReload: loaded.reload });
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    const v = await form.validateFields();
    const content: ArticleContent = { ...v, title: v.title.trim(), category: v.category.trim(), officeId: v.officeId!, keywords: v.keywords ?? [], validFrom: day(v.validFrom), validUntil: day(v.validUntil) };
    await run(() => (article ? knowledgeApi.update(article.id, article.version, content) : knowledgeApi.create(content)), t('common.saved'));
  };
  const act = (action: (typeof STATUS_ACTIONS)[number]) => run(() => knowledgeApi.act(article!.id, action, article!.version), t(`knowledge.done.${action}`));
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field: t(`knowledge.field.${field}`) }) }];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card loading={loaded.loading && !article}
        title={<Space wrap><Link to="/knowledge">{t('knowledge.title')}</Link><span>/</span><span data-testid="article-heading">{article ? article.title : t('knowledge.new')}</span>
          {article && <Tag color={STATUS_COLORS[article.status]} data-testid="article-status">{t(`knowledge.status.${article.status}`)}</Tag>}
          {article?.status === 'published' && !article.effective && <Tag>{t('knowledge.notInForce')}</Tag>}</Space>}
        extra={article && (
          <Space wrap>
            {STATUS_ACTIONS.map((a) => {
              const blocked = article.blockedActions.find((b) => b.action === a);
              if (!article.actions.includes(a) && !blocked) return null;
              return (
                <Tooltip key={a} title={blocked && (lang === 'en' ? blocked.messageEn : blocked.messageZh)}>
                  <Button disabled={!!blocked} loading={busy} danger={a === 'archive'} type={a === 'publish' ? 'primary' : 'default'} onClick={() => act(a)} data-testid={`article-${a}`}>
                    {t(`knowledge.action.${a}`)}
                  </Button>
                </Tooltip>
              );
            })}
          </Space>
        )}>
        <Form<ArticleForm> form={form} layout="vertical" disabled={!editable} data-testid="article-form"
          initialValues={{ title: '', question: '', answer: '', category: '', keywords: [], officeId: null, regionCode: null, validFrom: null, validUntil: null }}>
          <Row gutter={16}>
            <Col xs={24} lg={12}><Form.Item name="title" label={t('knowledge.field.title')} rules={required('title')}><Input maxLength={200} data-testid="article-title" /></Form.Item></Col>
            <Col xs={24} lg={12}>
              <Form.Item name="category" label={t('knowledge.field.category')} extra={t('knowledge.categoryHint')} rules={required('category')}>
                <Input maxLength={100} data-testid="article-category" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="question" label={t('knowledge.field.question')} rules={required('question')}><Input.TextArea rows={2} maxLength={2000} data-testid="article-question" /></Form.Item>
          <Form.Item name="answer" label={t('knowledge.field.answer')} rules={required('answer')}><Input.TextArea rows={8} maxLength={20000} showCount data-testid="article-answer" /></Form.Item>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item name="keywords" label={t('knowledge.field.keywords')} extra={t('knowledge.keywordsHint')}>
                <Select mode="tags" tokenSeparators={[',', '，', ' ']} maxCount={20} open={false} data-testid="article-keywords" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="officeId" label={t('knowledge.field.office')} extra={t('knowledge.officeHint')} rules={[{ required: true, message: t('common.required', { field: t('knowledge.field.office') }) }]}>
                <OfficeTreeSelect offices={offices.data ?? []} loading={offices.loading} data-testid="article-office" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item name="regionCode" label={t('knowledge.field.region')} extra={t('knowledge.regionHint')}><RegionSelect data-testid="article-region" /></Form.Item>
            </Col>
            <Col xs={12} lg={8}><Form.Item name="validFrom" label={t('knowledge.field.validFrom')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} lg={8}><Form.Item name="validUntil" label={t('knowledge.field.validUntil')}><DatePicker style={{ width: '100%' }} data-testid="article-valid-until" /></Form.Item></Col>
          </Row>
          {editable && <Button type="primary" loading={busy} onClick={() => void save()} data-testid="article-save">{t(article ? 'common.save' : 'knowledge.create')}</Button>}
        </Form>
      </Card>
      {article && (
        <Card size="small" title={t('knowledge.record')}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="article-record">
            <Descriptions.Item label={t('knowledge.field.useCount')}><span data-testid="article-use-count">{article.useCount}</span>{article.lastUsedAt && <Typography.Text type="secondary">（{t('knowledge.lastUsed', { at: dayjs(article.lastUsedAt).format('YYYY-MM-DD HH:mm') })}）</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.published')}>{article.publishedAt ? `${dayjs(article.publishedAt).format('YYYY-MM-DD HH:mm')} · ${article.publishedByName ?? ''}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.created')}>{dayjs(article.createdAt).format('YYYY-MM-DD HH:mm')} · {article.createdByName}</Descriptions.Item>
            <Descriptions.Item label={t('knowledge.field.updatedAt')}>{dayjs(article.updatedAt).format('YYYY-MM-DD HH:mm')} · {article.updatedByName}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}

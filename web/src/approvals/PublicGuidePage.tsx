// One service guide (办事指南), readable without log-in and on a phone: where to apply, limits,
// fees, conditions, the materials with their blank forms and samples to download, the process.
import { Alert, Card, Descriptions, List, Space, Steps, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { isApiError, useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public';
import { days, guidesApi, ITEM_TYPES, MATERIAL_FORMS, named } from './api';

export default function PublicGuidePage() {
  const { t, lang } = useI18n();
  const code = useParams().code ?? '';
  const guide = useLoad((signal) => guidesApi.get(code, signal), [code], false);
  const g = guide.data;
  return (
    <PublicLayout>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Link to="/public/guides">{t('approvals.guide.back')}</Link>
        {guide.error ? <Alert type="warning" showIcon message={isApiError(guide.error) && guide.error.status === 404 ? t('approvals.guide.notFound') : String((guide.error as Error).message)} /> : null}
        {g ? (
          <>
            <Card loading={guide.loading} title={<Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }} data-testid="guide-name">{g.name}</Typography.Title>}>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
                <Descriptions.Item label={t('approvals.field.typeCode')}>{named(ITEM_TYPES[g.typeCode], lang)}</Descriptions.Item>
                <Descriptions.Item label={t('approvals.department')}>{g.departmentName}</Descriptions.Item>
                <Descriptions.Item label={t('approvals.guide.where')}><span data-testid="guide-where">{g.whereToApply}</span></Descriptions.Item>
                <Descriptions.Item label={t('approvals.guide.statutory')}>{days(g.statutoryLimit, t)}{g.statutoryNote ? <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{g.statutoryNote}</Typography.Paragraph> : null}</Descriptions.Item>
                <Descriptions.Item label={t('approvals.guide.committed')}><strong data-testid="guide-committed">{days(g.committedLimit, t)}</strong>{g.committedNote ? ` · ${g.committedNote}` : ''}</Descriptions.Item>
                <Descriptions.Item label={t('approvals.guide.fees')}>{g.fees || t('approvals.guide.free')}</Descriptions.Item>
                <Descriptions.Item label={t('approvals.guide.visits')}>{g.visits}</Descriptions.Item>
                {g.resultName ? <Descriptions.Item label={t('approvals.guide.result')}>{g.resultName}</Descriptions.Item> : null}
                <Descriptions.Item label={t('approvals.field.implementationCode')}><Typography.Text copyable style={{ wordBreak: 'break-all' }}>{g.implementationCode}</Typography.Text></Descriptions.Item>
              </Descriptions>
            </Card>
            {g.conditions ? <Card title={t('approvals.guide.conditions')} size="small"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{g.conditions}</Typography.Paragraph></Card> : null}
            <Card title={t('approvals.guide.materials')} size="small">
              <List
                dataSource={g.materials}
                renderItem={(m, i) => (
                  <List.Item key={m.id} data-testid="guide-material">
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Typography.Text strong>{i + 1}. {m.name}</Typography.Text>
                      <Space size={[6, 4]} wrap>
                        <Tag color={m.required ? 'red' : 'default'}>{m.required ? t('approvals.guide.required') : t('approvals.guide.optional')}</Tag>
                        {m.deficiency ? <Tag color="orange">{t('approvals.guide.deficiency')}</Tag> : null}
                        <Tag>{named(MATERIAL_FORMS[m.form as keyof typeof MATERIAL_FORMS], lang)}</Tag>
                        {m.source ? <Typography.Text type="secondary">{m.source}</Typography.Text> : null}
                      </Space>
                      {([['blankForm', m.blankForm], ['sample', m.sample]] as const).map(([kind, file]) => (file ? (
                        <a key={kind} href={guidesApi.fileUrl(g.implementationCode, file.id)} data-testid={`guide-${kind}`}>
                          <DownloadOutlined /> {t(`approvals.material.${kind}`)}：{file.fileName}
                        </a>
                      ) : null))}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
            {g.steps.length ? (
              <Card title={t('approvals.guide.steps')} size="small">
                <Steps direction="vertical" size="small" current={-1} items={g.steps.map((s) => ({ title: s.name, description: s.note }))} />
              </Card>
            ) : null}
            <Card title={t('approvals.guide.legalBasis')} size="small"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{g.legalBasis}</Typography.Paragraph></Card>
          </>
        ) : null}
      </Space>
    </PublicLayout>
  );
}

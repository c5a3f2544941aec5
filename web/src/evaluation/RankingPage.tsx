// Evaluation ranking (考评排名 / 红黑榜): the live ranking of a month per peer group, export, and
// for leaders and supervisors the publication of the month's red and black lists. A month that
// already has a list is corrected with a new version that states its reason; every version
// stays listed and viewable.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { NotificationOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { hasAnyRole, useI18n, useLoad, useMe, useReportError } from '../shell';
import {
  defaultRankingMonth, evaluationApi, isMonth, MONTH, rankingExportUrl, type PublishedListSummary,
} from './api';
import { ExportButtons, ScopePicker, useParamState } from './controls';
import { RankingTables } from './RankingTables';
import { PUBLISH_ROLES } from './roles';

export default function RankingPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [params, update] = useParamState();
  const monthRaw = params.get('month');
  const month = isMonth(monthRaw) ? monthRaw : defaultRankingMonth();
  const scopeRaw = params.get('scope');
  const scope = scopeRaw && /^[1-9]\d*$/.test(scopeRaw) ? Number(scopeRaw) : null;
  const canPublish = hasAnyRole(me.roles, PUBLISH_ROLES);
  /** Only a month that has ended can be published (the server says so too). */
  const monthOver = month < dayjs().format(MONTH);

  const ranking = useLoad((signal) => evaluationApi.ranking(month, scope, signal), [month, scope]);
  const r = ranking.data && ranking.data.month === month ? ranking.data : undefined;
  const scopeId = r?.scopeOfficeId ?? null;
  const versions = useLoad(
    (signal) => (scopeId === null ? Promise.resolve<PublishedListSummary[]>([]) : evaluationApi.lists({ month, scope: scopeId }, signal)),
    [month, scopeId],
  );
  const monthVersions = useMemo(
    () => (versions.data ?? []).filter((v) => v.month === month && (scopeId === null || v.scopeOfficeId === scopeId)).sort((a, b) => b.version - a.version),
    [versions.data, month, scopeId],
  );

  const [correcting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const publish = async (reason?: string) => {
    setBusy(true);
    try {
      const list = await evaluationApi.publish({ month, scope: scopeId ?? undefined, ...(reason ? { reason } : {}) });
      message.success(t('evaluation.ranking.publishedOk', { month: list.month, version: list.version }));
      setCorrecting(false);
      form.resetFields();
      versions.reload();
      return true;
    } catch (e) {
      reportError(e);
      versions.reload();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const onPublish = () => {
    if (monthVersions.length > 0) {
      setCorrecting(true);
      return;
    }
    modal.confirm({
      title: t('evaluation.ranking.publishConfirm', { month, scope: r?.scopeOfficeName ?? '' }),
      content: t('evaluation.ranking.publishWarning'),
      okText: t('evaluation.ranking.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'eval-publish-confirm' } as never,
      onOk: () => publish(),
    });
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={t('evaluation.ranking.title')}
        extra={
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={ranking.reload} aria-label={t('common.reload')} />
            <ExportButtons xlsx={rankingExportUrl('xlsx', month, scope)} csv={rankingExportUrl('csv', month, scope)} testId="eval-ranking-export" />
            {canPublish && (
              <Button
                type="primary"
                danger
                icon={<NotificationOutlined />}
                onClick={onPublish}
                disabled={!r || versions.loading || !monthOver}
                title={monthOver ? undefined : t('evaluation.ranking.notOver')}
                loading={busy}
                data-testid="eval-publish"
              >
                {monthVersions.length > 0 ? t('evaluation.ranking.correct') : t('evaluation.ranking.publish')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(v) => v && update({ month: v.format(MONTH) })}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
            aria-label={t('evaluation.ranking.month')}
            data-testid="eval-ranking-month"
          />
          <ScopePicker value={scope} onChange={(s) => update({ scope: s })} testId="eval-ranking-scope" />
          {r && (
            <Typography.Text type="secondary" data-testid="eval-ranking-settings">
              {t('evaluation.ranking.rules', { min: r.settings.minimumCases, size: r.settings.listSize })}
            </Typography.Text>
          )}
        </Space>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('evaluation.ranking.live', { scope: r?.scopeOfficeName ?? '…' })} />
        {r ? <RankingTables ranking={r} drill testId="eval-ranking" /> : <Spin spinning={ranking.loading}><div style={{ minHeight: 120 }} /></Spin>}
      </Card>

      <Card title={t('evaluation.ranking.versions', { month })} data-testid="eval-versions">
        <Table<PublishedListSummary>
          rowKey="id"
          size="small"
          loading={versions.loading}
          dataSource={monthVersions}
          pagination={false}
          locale={{ emptyText: t('evaluation.ranking.noVersions') }}
          onRow={(v) => ({ 'data-testid': `eval-version-${v.version}` }) as never}
          columns={[
            { title: t('evaluation.list.version'), key: 'version', width: 90, render: (_: unknown, v) => <Tag color={v.version === 1 ? 'blue' : 'orange'}>{t('evaluation.list.versionN', { n: v.version })}</Tag> },
            { title: t('evaluation.list.publishedAt'), key: 'at', width: 170, render: (_: unknown, v) => dayjs(v.publishedAt).format('YYYY-MM-DD HH:mm') },
            { title: t('evaluation.list.publishedBy'), dataIndex: 'publishedBy', key: 'by', width: 120 },
            { title: t('evaluation.list.reason'), key: 'reason', render: (_: unknown, v) => v.reason ?? <Typography.Text type="secondary">{t('evaluation.list.first')}</Typography.Text> },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, v) => (
                <Space>
                  <Link to={`/evaluation/lists/${v.id}`} data-testid={`eval-version-view-${v.version}`}>
                    {t('evaluation.list.view')}
                  </Link>
                  <Link to={`/public/rankings?list=${v.id}`} target="_blank" rel="noopener">
                    {t('evaluation.list.public')}
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Modal
        open={correcting}
        title={t('evaluation.ranking.correctTitle', { month })}
        okText={t('evaluation.ranking.correctSubmit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setCorrecting(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'eval-correct-submit' } as never}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('evaluation.ranking.correctHint', { n: monthVersions[0]?.version ?? 1 })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" name="eval-correct" onFinish={(v) => void publish(v.reason.trim())} preserve={false}>
          <Form.Item
            label={t('evaluation.list.reason')}
            name="reason"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('evaluation.list.reason') }) }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="eval-correct-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

// Importing the registry from xlsx or CSV: the file is imported whole or not at all, and a
// refused file comes back with every bad cell (row, column, why) to correct.
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { isApiError, useI18n, useReportError } from '../shell';
import { enterprisesApi, exportUrl, problemsOf, type ImportProblem, type ImportSummary } from './api';

const FIELD_KEYS: Record<string, string> = {
  uscc: 'uscc', usccOverrideReason: 'usccOverrideReason', name: 'name', kind: 'kind', legalRepresentative: 'legalRepresentative', address: 'address',
  regionCode: 'region', industryDivision: 'industry', size: 'size', establishedOn: 'establishedOn', registeredCapital: 'registeredCapital',
  keyEnterprise: 'keyEnterprise', credit: 'credit', contacts: 'contacts',
};

export default function ImportPage() {
  const { t, lang } = useI18n();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const [rejected, setRejected] = useState<{ problems: ImportProblem[]; total: number } | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setDone(null);
    setRejected(null);
    try {
      setDone(await enterprisesApi.import(file, lang));
    } catch (err) {
      const problems = problemsOf(err);
      if (problems.length) setRejected({ problems, total: Number((isApiError(err) && (err.details as { total?: number })?.total) || problems.length) });
      else reportError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('enterprises.import.title')} data-testid="enterprise-import-page">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('enterprises.import.help')}</Typography.Paragraph>
        <Space>
          <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
            <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="enterprise-import-pick">{t('enterprises.import.pick')}</Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={exportUrl({})}>{t('enterprises.import.template')}</Button>
        </Space>
        {done && <Alert type="success" showIcon data-testid="enterprise-import-done" message={t('enterprises.import.done', { ...done })} />}
        {rejected && (
          <>
            <Alert type="error" showIcon data-testid="enterprise-import-rejected" message={t('enterprises.import.rejected', { n: rejected.total })} />
            <Table<ImportProblem> rowKey={(p) => `${p.row}-${p.field}-${p.messageEn}`} size="small" dataSource={rejected.problems} data-testid="enterprise-import-problems"
              pagination={{ pageSize: 50, showSizeChanger: false }}
              columns={[
                { title: t('enterprises.import.row'), dataIndex: 'row', key: 'row', width: 80 },
                { title: t('enterprises.import.field'), key: 'field', width: 200, render: (_: unknown, p) => (FIELD_KEYS[p.field] ? t(`enterprises.field.${FIELD_KEYS[p.field]}`) : p.field) },
                { title: t('enterprises.import.problem'), key: 'problem', render: (_: unknown, p) => (lang === 'en' ? p.messageEn : p.messageZh) },
              ]} />
          </>
        )}
      </Space>
    </Card>
  );
}

import { useState } from 'react';
import { Alert, Card, List, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { errorText, useI18n } from '../shell';
import { calendarApi, type CalendarImport } from './api';

/** Reads a holiday file as text in the browser and posts it to /api/calendar/import. */
export function ImportCard({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CalendarImport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const doImport = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const content = await file.text();
      const r = await calendarApi.import(file.name, content);
      setResult(r);
      onImported();
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('calendar.import')}>
      <Typography.Paragraph type="secondary">{t('calendar.importHelp')}</Typography.Paragraph>
      <div data-testid="calendar-import">
        <Upload.Dragger
          accept=".json,.csv,.txt,application/json,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void doImport(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('calendar.importDrop')}</p>
        </Upload.Dragger>
      </div>
      {error && (
        <div role="alert" data-testid="calendar-import-error" style={{ marginTop: 12 }}>
          <Alert type="error" showIcon message={error} />
        </div>
      )}
      {result && (
        <div data-testid="calendar-import-result" style={{ marginTop: 12 }}>
          <Alert
            type={result.warnings.length ? 'warning' : 'success'}
            showIcon
            message={t('calendar.imported', { years: result.years.join('、'), days: result.days })}
            description={
              result.warnings.length > 0 && (
                <List
                  size="small"
                  header={t('calendar.warnings')}
                  dataSource={result.warnings}
                  renderItem={(w) => <List.Item>{w}</List.Item>}
                />
              )
            }
          />
        </div>
      )}
    </Card>
  );
}

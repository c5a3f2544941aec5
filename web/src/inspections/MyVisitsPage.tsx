// The inspector's visits on their teams with the result form, and the enterprise's inspections of
// itself with the request for recusal.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useI18n, useLoad, useReportError } from '../shell';
import { INSPECTION_RESULT_NAMES, INSPECTION_RESULTS, inspectionsApi, RESULTS_WITH_FINDINGS, VISIT_STATUS_NAMES, type InspectionResult, type VisitView } from './api';
import { TeamCell } from './TeamCell';

const today = () => new Date().toISOString().slice(0, 10);

function ResultForm({ visit, onDone }: { visit: VisitView; onDone: (v: VisitView) => void }) {
  const { t, lang } = useI18n();
  const reportError = useReportError();
  const [result, setResult] = useState<InspectionResult>('no_problem');
  const finding = RESULTS_WITH_FINDINGS.includes(result);
  const submit = async (v: { inspectedOn: string; findings?: string; firstOffenceNoPenalty?: boolean; measures?: string; responsiblePerson?: string; deadline?: string }) => {
    try {
      onDone(await inspectionsApi.recordResult(visit.taskId, {
        uscc: visit.uscc, version: visit.version, result, inspectedOn: v.inspectedOn,
        ...(finding ? { findings: v.findings, firstOffenceNoPenalty: !!v.firstOffenceNoPenalty, rectification: { measures: v.measures, responsiblePerson: v.responsiblePerson, deadline: v.deadline } } : {}),
      }));
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Form layout="vertical" onFinish={submit} initialValues={{ inspectedOn: today() }} data-testid={`result-form-${visit.uscc}`}>
      <Form.Item label={t('inspections.result.category')}>
        <Select value={result} onChange={setResult} data-testid="result-category"
          options={INSPECTION_RESULTS.map((r) => ({ value: r, label: lang === 'en' ? INSPECTION_RESULT_NAMES[r].en : INSPECTION_RESULT_NAMES[r].zh }))} />
      </Form.Item>
      <Form.Item name="inspectedOn" label={t('inspections.result.inspectedOn')} rules={[{ required: true }]}><Input type="date" data-testid="result-date" /></Form.Item>
      {finding && (
        <>
          <Form.Item name="findings" label={t('inspections.result.findings')} rules={[{ required: true }]}><Input.TextArea data-testid="result-findings" /></Form.Item>
          <Form.Item name="firstOffenceNoPenalty" valuePropName="checked"><Checkbox data-testid="result-first-offence">{t('inspections.result.firstOffence')}</Checkbox></Form.Item>
          <Form.Item name="measures" label={t('inspections.result.measures')} rules={[{ required: true }]}><Input data-testid="result-measures" /></Form.Item>
          <Form.Item name="responsiblePerson" label={t('inspections.result.responsible')} rules={[{ required: true }]}><Input data-testid="result-responsible" /></Form.Item>
          <Form.Item name="deadline" label={t('inspections.result.deadline')} rules={[{ required: true }]}><Input type="date" data-testid="result-deadline" /></Form.Item>
        </>
      )}
      <Button type="primary" htmlType="submit" data-testid="result-submit">{t('inspections.result.record')}</Button>
    </Form>
  );
}

function RecuseForm({ visit, onDone }: { visit: VisitView; onDone: (v: VisitView) => void }) {
  const { t } = useI18n();
  const reportError = useReportError();
  const submit = async (v: { inspector: string; reason: string }) => {
    try {
      onDone(await inspectionsApi.recuse(visit.taskId, { uscc: visit.uscc, version: visit.version, ...v }));
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Form layout="inline" onFinish={submit} data-testid={`recuse-form-${visit.uscc}`}>
      <Form.Item name="inspector" label={t('inspections.recuse.inspector')} rules={[{ required: true }]}>
        <Select style={{ width: 220 }} data-testid="recuse-inspector"
          options={visit.teams.flatMap((team) => team.inspectors.map((i) => ({ value: i.certificateNo, label: `${i.name}（${i.certificateNo}）` })))} />
      </Form.Item>
      <Form.Item name="reason" label={t('inspections.recuse.reason')} rules={[{ required: true }]}><Input data-testid="recuse-reason" /></Form.Item>
      <Button htmlType="submit" data-testid="recuse-submit">{t('inspections.recuse')}</Button>
    </Form>
  );
}

export default function MyVisitsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const visits = useLoad((signal) => inspectionsApi.mine(signal), []);
  const replace = (v: VisitView) => {
    message.success(t('common.saved'));
    visits.setData(visits.data?.map((x) => (x.id === v.id ? v : x)));
  };
  return (
    <Card title={t('inspections.mine.title')}>
      <List loading={visits.loading} dataSource={visits.data ?? []} locale={{ emptyText: <Empty description={t('inspections.mine.empty')} /> }}
        renderItem={(v) => (
          <List.Item key={v.id} data-testid={`visit-${v.uscc}`}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{v.enterpriseName}</Typography.Text>
                <Typography.Text type="secondary">{v.uscc} · {v.taskCode}</Typography.Text>
                <Tag>{lang === 'en' ? VISIT_STATUS_NAMES[v.status].en : VISIT_STATUS_NAMES[v.status].zh}</Tag>
                {v.result && <Tag color="blue">{lang === 'en' ? INSPECTION_RESULT_NAMES[v.result].en : INSPECTION_RESULT_NAMES[v.result].zh}</Tag>}
              </Space>
              <TeamCell visit={v} />
              {v.actions.includes('record-result') && <ResultForm visit={v} onDone={replace} />}
              {v.actions.includes('recuse') && <RecuseForm visit={v} onDone={replace} />}
            </Space>
          </List.Item>
        )} />
    </Card>
  );
}

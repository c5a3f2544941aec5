// The enterprise rectification ledger of one case (整改台账): the plan (measures, responsible
// person and office, deadline, status) and the weekly progress and supervision notes.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText, isStale, useI18n, useLoad } from '../shell';
import { OfficeTreeSelect } from '../offices';
import { casesApi, PLAN_STATUSES, type CaseView, type PlanStatus } from './api';
import { useOffices } from './reference';

const LEDGER_COLORS: Record<string, string> = { planned: 'default', in_progress: 'processing', done: 'green', overdue: 'red', none: 'default' };

export function LedgerStatusTag({ status, daysOverdue }: { status: string; daysOverdue?: number }) {
  const { t } = useI18n();
  return (
    <Tag color={LEDGER_COLORS[status]} data-testid="ledger-status" data-status={status}>
      {t(`cases.rect.status.${status}`)}
      {daysOverdue ? ` · ${t('cases.rect.daysOverdue', { n: daysOverdue })}` : ''}
    </Tag>
  );
}

interface PlanForm {
  measures: string;
  responsiblePerson: string;
  responsibleOfficeId?: number | null;
  deadline: Dayjs;
  status: PlanStatus;
}

/** `onChanged` reloads the case: every ledger change is an event that moves the case's version. */
export function RectificationPanel({ caseView, onChanged }: { caseView: CaseView; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { offices } = useOffices();
  const rect = useLoad((signal) => casesApi.rectification(caseView.id, signal), [caseView.id, caseView.version]);
  const [editing, setEditing] = useState(false);
  const [planForm] = Form.useForm<PlanForm>();
  const [progressForm] = Form.useForm<{ note: string; week?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progressError, setProgressError] = useState<string | null>(null);
  const data = rect.data;
  const plan = data?.plan ?? null;

  useEffect(() => {
    if (!editing) return;
    planForm.resetFields();
    setError(null);
    if (plan) {
      planForm.setFieldsValue({
        measures: plan.measures, responsiblePerson: plan.responsiblePerson, responsibleOfficeId: plan.responsibleOfficeId,
        deadline: dayjs(plan.deadline), status: plan.status,
      });
    } else {
      planForm.setFieldsValue({ status: 'planned' });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);

  if (!data || !data.applicable) return null;

  const savePlan = async (v: PlanForm) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await casesApi.setRectification(caseView.id, {
        ...(plan ? { version: plan.version } : {}),
        measures: v.measures.trim(),
        responsiblePerson: v.responsiblePerson.trim(),
        ...(v.responsibleOfficeId ? { responsibleOfficeId: v.responsibleOfficeId } : {}),
        deadline: v.deadline.format('YYYY-MM-DD'),
        status: v.status,
      });
      rect.setData(saved);
      message.success(t('cases.rect.saved'));
      setEditing(false);
      onChanged();
    } catch (e) {
      if (isStale(e)) {
        message.warning(t('cases.stale'));
        setEditing(false);
        rect.reload();
        onChanged();
      } else {
        setError(errorText(e, t('error.unexpected')));
      }
    } finally {
      setBusy(false);
    }
  };

  const addProgress = async (v: { note: string; week?: string }) => {
    setBusy(true);
    setProgressError(null);
    try {
      const saved = await casesApi.addProgress(caseView.id, { note: v.note.trim(), ...(v.week?.trim() ? { week: v.week.trim() } : {}) });
      rect.setData(saved);
      progressForm.resetFields();
      message.success(t('cases.rect.added'));
      onChanged();
    } catch (e) {
      setProgressError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('cases.rect.title')}
      data-testid="rect-panel"
      extra={
        data.actions.editPlan && (
          <Button icon={plan ? <EditOutlined /> : <PlusOutlined />} onClick={() => setEditing(true)} data-testid="rect-edit">
            {plan ? t('cases.rect.edit') : t('cases.rect.create')}
          </Button>
        )
      }
    >
      {plan ? (
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('cases.rect.measures')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid="rect-measures-text">
              {plan.measures}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.rect.person')}>{plan.responsiblePerson}</Descriptions.Item>
          <Descriptions.Item label={t('cases.rect.office')}>{plan.responsibleOfficeName}</Descriptions.Item>
          <Descriptions.Item label={t('cases.rect.deadline')}>{plan.deadline}</Descriptions.Item>
          <Descriptions.Item label={t('cases.rect.status')}>
            <LedgerStatusTag status={plan.ledgerStatus} daysOverdue={plan.daysOverdue} />
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty description={t('cases.rect.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {plan && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('cases.rect.progress')}
          </Typography.Title>
          <List
            size="small"
            locale={{ emptyText: t('cases.rect.noProgress') }}
            dataSource={data.progress}
            data-testid="rect-progress"
            renderItem={(p) => (
              <List.Item key={p.id}>
                <List.Item.Meta
                  title={
                    <Space>
                      <Tag color={p.kind === 'supervision' ? 'orange' : 'blue'}>{t(`cases.rect.kind.${p.kind}`)}</Tag>
                      <span>{p.week}</span>
                      <Typography.Text type="secondary">
                        {p.authorName}
                        {p.authorOfficeName ? ` · ${p.authorOfficeName}` : ''} · {dayjs(p.recordedAt).format('YYYY-MM-DD HH:mm')}
                      </Typography.Text>
                    </Space>
                  }
                  description={<span style={{ whiteSpace: 'pre-wrap' }}>{p.note}</span>}
                />
              </List.Item>
            )}
          />
          {data.actions.addProgress && (
            <Form form={progressForm} layout="vertical" name="rect-progress" onFinish={(v) => void addProgress(v)} style={{ marginTop: 12 }}>
              {progressError && <Alert type="error" showIcon message={progressError} style={{ marginBottom: 12 }} role="alert" />}
              <Form.Item
                label={t('cases.rect.note')}
                name="note"
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.rect.note') }) }]}
              >
                <Input.TextArea rows={3} maxLength={5000} data-testid="rect-progress-note" />
              </Form.Item>
              <Form.Item label={t('cases.rect.week')} name="week">
                <Input maxLength={10} style={{ width: 200 }} data-testid="rect-progress-week" />
              </Form.Item>
              <Button htmlType="submit" type="primary" loading={busy} data-testid="rect-progress-submit">
                {t('cases.rect.addProgress')}
              </Button>
            </Form>
          )}
        </>
      )}
      <Modal
        open={editing}
        title={plan ? t('cases.rect.edit') : t('cases.rect.create')}
        onCancel={() => setEditing(false)}
        onOk={() => planForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'rect-submit' } as never}
        forceRender
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={planForm} layout="vertical" name="rect-plan" onFinish={(v) => void savePlan(v)}>
          <Form.Item label={t('cases.rect.measures')} name="measures" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.rect.measures') }) }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="rect-measures" />
          </Form.Item>
          <Form.Item label={t('cases.rect.person')} name="responsiblePerson" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.rect.person') }) }]}>
            <Input maxLength={100} data-testid="rect-person" />
          </Form.Item>
          <Form.Item label={t('cases.rect.office')} name="responsibleOfficeId" extra={t('cases.rect.officeHint')}>
            <OfficeTreeSelect offices={offices} data-testid="rect-office" aria-label={t('cases.rect.office')} />
          </Form.Item>
          <Form.Item label={t('cases.rect.deadline')} name="deadline" rules={[{ required: true, message: t('common.select', { field: t('cases.rect.deadline') }) }]}>
            <DatePicker data-testid="rect-deadline" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
          </Form.Item>
          <Form.Item label={t('cases.rect.status')} name="status" rules={[{ required: true }]}>
            <Select data-testid="rect-status" aria-label={t('cases.rect.status')} options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`cases.rect.status.${s}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

// An enterprise's own appeals (我的诉求): the list with replies, a form to raise one through the
// enterprise portal (the server fills in the enterprise's credit code), and evaluation once closed.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { applyFieldErrors, errorText, refusedFilesText, useI18n, useLoad, useMe } from '../shell';
import { casesApi, type CaseView } from './api';
import { AppealFields, CaseFilesField, appealInput, APPEAL_FIELD_ERRORS, attachCaseFiles, CaseTypeField, ConfidentialField, type AppealFieldValues } from './AppealFields';
import { CaseActionDialog } from './CaseActionDialog';
import { rowTestId, useCaseColumns, type CaseColumn } from './columns';

interface AppealValues extends AppealFieldValues {
  name: string;
  phone?: string;
}

const FIELDS = {
  ...APPEAL_FIELD_ERRORS,
  requester_name_required: 'name',
  invalid_phone: 'phone',
};

export default function MyAppealsPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const cols = useCaseColumns();
  const [page, setPage] = useState(1);
  const list = useLoad((signal) => casesApi.list({ page, pageSize: 20 }, signal), [page]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<AppealValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState<CaseView | null>(null);

  const openNew = () => {
    form.resetFields();
    form.setFieldsValue({ type: 'help', name: me.name, confidential: false });
    setError(null);
    setOpen(true);
  };

  const submit = async (v: AppealValues) => {
    setBusy(true);
    setError(null);
    try {
      const created = await casesApi.create({
        ...appealInput(v),
        channel: 'enterprise_portal',
        requester: { kind: 'enterprise', name: v.name.trim(), phone: v.phone?.trim() || null },
      });
      const { failed } = await attachCaseFiles(created.id, created.version, v.files);
      message.success(t('cases.mine.created', { code: created.code }));
      if (failed.length) message.error(refusedFilesText(t, failed));
      setOpen(false);
      if (page === 1) list.reload();
      else setPage(1);
    } catch (e) {
      if (!applyFieldErrors(form, e, FIELDS)) setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };

  const reply: CaseColumn = {
    title: t('cases.field.reply'),
    dataIndex: 'reply',
    key: 'reply',
    render: (v: string | null) =>
      v ? (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '…' }} style={{ marginBottom: 0, maxWidth: 360 }}>
          {v}
        </Typography.Paragraph>
      ) : (
        '—'
      ),
  };
  const evaluation: CaseColumn = {
    title: t('cases.field.evaluation'),
    key: 'evaluation',
    render: (_: unknown, c) =>
      c.evaluation ? (
        <Tag color="green" data-testid={`evaluated-${c.id}`}>
          {t('cases.mine.evaluated', { s: t(`cases.satisfaction.${c.evaluation.satisfaction}`) })}
        </Tag>
      ) : c.actions.includes('evaluate') ? (
        <Button size="small" type="primary" onClick={() => setEvaluating(c)} data-testid={`evaluate-${c.id}`}>
          {t('cases.mine.evaluate')}
        </Button>
      ) : (
        '—'
      ),
  };

  return (
    <Card
      title={t('cases.mine.title')}
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.reload')} />
          <Button type="primary" icon={<PlusOutlined />} onClick={openNew} data-testid="my-appeal-new">
            {t('cases.mine.new')}
          </Button>
        </Space>
      }
    >
      <Table<CaseView>
        rowKey="id"
        size="middle"
        columns={[cols.code, cols.title, cols.type, cols.status, cols.deadline, reply, evaluation, cols.acceptedAt]}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        onRow={rowTestId('my-appeal-row')}
        data-testid="my-appeals-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={open}
        title={t('cases.mine.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('cases.form.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'my-appeal-submit' } as never}
        width={680}
        forceRender
      >
        <div data-testid="my-appeal-dialog">
          {error && (
            <div role="alert" data-testid="my-appeal-error" style={{ marginBottom: 12 }}>
              <Alert type="error" showIcon message={error} />
            </div>
          )}
          <Form<AppealValues> form={form} layout="vertical" name="my-appeal" onFinish={(v) => void submit(v)}>
            <CaseTypeField testId="my-appeal" />
            <AppealFields testId="my-appeal" />
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item label={t('cases.mine.enterprise')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.mine.enterprise') }) }]}>
                  <Input maxLength={100} data-testid="my-appeal-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('cases.field.requesterPhone')} name="phone">
                  <Input maxLength={30} inputMode="tel" data-testid="my-appeal-phone" />
                </Form.Item>
              </Col>
            </Row>
            <CaseFilesField testId="my-appeal" />
            <ConfidentialField testId="my-appeal" />
          </Form>
        </div>
      </Modal>
      <CaseActionDialog
        target={evaluating}
        action={evaluating ? 'evaluate' : null}
        onClose={() => setEvaluating(null)}
        onDone={list.reload}
        onStale={list.reload}
      />
    </Card>
  );
}

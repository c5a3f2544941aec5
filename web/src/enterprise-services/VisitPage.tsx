// One service visit: who, when and why; what the enterprise raised, each problem's case and
// whether it has its answer; recording, closing and cancelling as the visit's actions allow.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { isApiError, nameIn, useI18n, useLoad, useReportError } from '../shell';
import { RAISED_KIND_NAMES, RAISED_KINDS, SERVICE_VISIT_KIND_NAMES, servicesApi, type RaisedKind, type ServiceVisitView } from './api';
import { VisitStatusTag } from './VisitsPage';

type Matter = ServiceVisitView['matters'][number];
type Dialog = 'record' | 'close' | 'cancel' | null;

export default function VisitPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const visit = useLoad((signal) => servicesApi.visit(Number(id), signal), [id], false);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (visit.loading && !visit.data) return <Spin />;
  if (!visit.data) {
    return <Result status={isApiError(visit.error) && visit.error.status === 404 ? '404' : 'error'} subTitle={isApiError(visit.error) ? visit.error.message : t('error.unexpected')} />;
  }
  const v = visit.data;
  const blocked = (action: string) => v.blockedActions.find((b) => b.action === action);
  const button = (action: Exclude<Dialog, null>, danger = false) => {
    const reason = blocked(action);
    if (!v.actions.includes(action) && !reason) return null;
    return (
      <Button key={action} danger={danger} type={action === 'record' ? 'primary' : 'default'} disabled={!!reason} title={reason ? (lang === 'en' ? reason.messageEn : reason.messageZh) : undefined}
        onClick={() => setDialog(action)} data-testid={`visit-${action}`}>{t(`services.action.${action}`)}</Button>
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="visit-page">
      <Card title={<Space><span data-testid="visit-enterprise">{v.enterpriseName}</span><VisitStatusTag status={v.status} /></Space>}
        extra={<Space>{button('record')}{button('close')}{button('cancel', true)}</Space>}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('services.field.kind')}>{nameIn(lang, SERVICE_VISIT_KIND_NAMES[v.kind])}</Descriptions.Item>
          <Descriptions.Item label={t('services.field.uscc')}><Link to={`/enterprises/${v.uscc}`}>{v.uscc}</Link></Descriptions.Item>
          <Descriptions.Item label={t('services.field.office')}>{v.officeName}</Descriptions.Item>
          <Descriptions.Item label={t('services.field.leader')}>{v.leaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('services.field.plannedOn')}>{v.plannedOn}</Descriptions.Item>
          <Descriptions.Item label={t('services.field.heldOn')}>{v.heldOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('services.field.members')}>{v.members.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('services.field.purpose')}>{v.purpose}</Descriptions.Item>
          {v.summary && <Descriptions.Item label={t('services.field.summary')} span={2}>{v.summary}</Descriptions.Item>}
        </Descriptions>
        {blocked('close') && <Alert style={{ marginTop: 12 }} type="info" showIcon message={lang === 'en' ? blocked('close')!.messageEn : blocked('close')!.messageZh} />}
      </Card>

      <Card size="small" title={<Space>{t('services.matters')}<Typography.Text type="secondary" data-testid="visit-progress">{t('services.progress', { problems: v.problems, solved: v.solved })}</Typography.Text></Space>}>
        {v.matters.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('services.matters.none')} /> : (
          <Table<Matter> rowKey="key" size="small" pagination={false} dataSource={v.matters} data-testid="visit-matters"
            columns={[
              { title: t('services.matter.kind'), key: 'kind', width: 90, render: (_: unknown, m) => <Tag color={m.kind === 'problem' ? 'red' : m.kind === 'need' ? 'blue' : 'default'}>{nameIn(lang, RAISED_KIND_NAMES[m.kind])}</Tag> },
              { title: t('services.matter.text'), dataIndex: 'text', key: 'text' },
              {
                title: t('services.matter.case'), key: 'case', width: 260,
                render: (_: unknown, m) => m.case ? (
                  <Space><Link to={`/cases/${m.case.id}`}>{m.case.code}</Link><Tag color={m.case.solved ? 'green' : 'orange'}>{nameIn(lang, m.case.statusName)}</Tag></Space>
                ) : '—',
              },
            ]} />
        )}
      </Card>

      {dialog === 'record' && <RecordDialog visit={v} onClose={() => setDialog(null)} onDone={visit.setData} />}
      {(dialog === 'close' || dialog === 'cancel') && <TextDialog visit={v} action={dialog} onClose={() => setDialog(null)} onDone={visit.setData} />}
    </Space>
  );
}

interface RecordValues {
  heldOn: Dayjs;
  matters: { kind: RaisedKind; text: string }[];
}

function RecordDialog({ visit, onClose, onDone }: { visit: ServiceVisitView; onClose: () => void; onDone: (v: ServiceVisitView) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<RecordValues>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: RecordValues) => {
    setBusy(true);
    try {
      const saved = await servicesApi.act(visit.id, 'record', { version: visit.version, heldOn: values.heldOn.format('YYYY-MM-DD'), matters: values.matters ?? [] });
      message.success(t('common.saved'));
      onDone(saved);
      onClose();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('services.action.record')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, 'data-testid': 'record-submit' } as never} width={720}>
      <Typography.Paragraph type="secondary">{t('services.record.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ heldOn: visit.heldOn ? dayjs(visit.heldOn) : dayjs(), matters: [{ kind: 'problem', text: '' }] }}>
        <Form.Item name="heldOn" label={t('services.field.heldOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.List name="matters">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                    <Select style={{ width: 110 }} options={RAISED_KINDS.map((k) => ({ value: k, label: nameIn(lang, RAISED_KIND_NAMES[k]) }))} data-testid={`matter-kind-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true, max: 1000 }]} style={{ width: 480 }}>
                    <Input.TextArea autoSize placeholder={t('services.matter.text')} data-testid={`matter-text-${i}`} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'problem', text: '' })} data-testid="matter-add">{t('services.matter.add')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function TextDialog({ visit, action, onClose, onDone }: { visit: ServiceVisitView; action: 'close' | 'cancel'; onClose: () => void; onDone: (v: ServiceVisitView) => void }) {
  const { t } = useI18n();
  const reportError = useReportError();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const field = action === 'close' ? 'summary' : 'reason';
  const submit = async () => {
    setBusy(true);
    try {
      onDone(await servicesApi.act(visit.id, action, { version: visit.version, [field]: text }));
      onClose();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t(`services.action.${action}`)} onCancel={onClose} onOk={submit} okButtonProps={{ loading: busy, disabled: !text.trim(), 'data-testid': `${action}-submit` } as never}>
      <Typography.Text>{t(action === 'close' ? 'services.field.summary' : 'services.cancel.reason')}</Typography.Text>
      <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={action === 'close' ? 2000 : 500} data-testid={`${action}-text`} />
    </Modal>
  );
}

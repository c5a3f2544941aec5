// One bundle application (一件事办件), for staff and for the enterprise that applied: one status,
// what is missing over every item, each item's department and progress, the critical path, and
// the bundle's own actions (tell what is missing, supply it, accept, withdraw). Each part opens
// its own application, where its department decides and its certificate is issued.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { errorText, useI18n, useLoad } from '../../shell';
import { when } from '../applications/Clock';
import { ApplicationStatusTag, BranchTag, named } from '../applications/tags';
import { BUNDLE_PROGRESS, bundlesApi, PROGRESS_COLORS, type BundleAction } from './api';
import { MergedChecklist } from './Checklist';

type Dialog = 'supplement' | 'accept-deficient' | 'withdraw' | null;

export default function BundleApplicationPage({ portal = false }: { portal?: boolean }) {
  const { t, lang } = useI18n();
  const id = Number(useParams().id);
  const [tick, setTick] = useState(0);
  const loaded = useLoad((signal) => bundlesApi.get(id, signal), [id, tick]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [keys, setKeys] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deficiencyForm] = Form.useForm();
  const [withdrawForm] = Form.useForm();
  const b = loaded.data;
  if (loaded.error) return <Empty description={t('bundles.notFound')} />;
  if (!b) return <Card loading />;

  const act = async (action: BundleAction, body: Record<string, unknown> = {}) => {
    setBusy(true);
    setError(null);
    try {
      await bundlesApi.act(b, action, body);
      setDialog(null);
      setTick((n) => n + 1);
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  const can = (a: BundleAction) => b.actions.includes(a);
  const partLink = (applicationId: number) => (portal ? `/my/applications/${applicationId}` : `/approvals/applications/${applicationId}`);
  // A reviewer is shown its own department's parts only (the server's rule); say so when some are left out.
  const everyPart = b.parts.length === new Set(b.checklist.flatMap((m) => m.items.map((i) => i.serviceItemId))).size;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16} data-testid="bundle-application-page">
      <Card title={<Space wrap><span>{b.bundleName}</span><Tag color={PROGRESS_COLORS[b.progress]} data-testid="bundle-progress" data-progress={b.progress}>{named(BUNDLE_PROGRESS[b.progress], lang)}</Tag></Space>}
        extra={<Typography.Text type="secondary">{t('bundles.number', { id: b.id })}</Typography.Text>}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('applications.field.applicant')}>{b.applicantName}{b.applicantUscc ? `（${b.applicantUscc}）` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('applications.field.receivedAt')}>{when(b.receivedAt)}</Descriptions.Item>
          {b.ownerName ? <Descriptions.Item label={t('applications.field.owner')}>{b.ownerName}</Descriptions.Item> : null}
        </Descriptions>
        {b.missing.length ? (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="bundle-missing" message={t('bundles.missing', { n: b.missing.length })}
            description={<Space size={[4, 4]} wrap>{b.missing.map((m) => <Tag key={m.key} color={m.deficiency ? 'gold' : 'red'}>{m.name}</Tag>)}</Space>} />
        ) : null}
        {b.criticalPath ? (
          <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="bundle-critical-path"
            message={t('bundles.critical', { due: when(b.criticalPath.committedDueAt), position: b.criticalPath.criticalPosition, days: b.criticalPath.workingDaysTaken, ...b.criticalPath.committedDays })} />
        ) : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="bundle-error" /> : null}
        <Space wrap style={{ marginTop: 12 }}>
          {can('notify-missing') ? <Button onClick={() => act('notify-missing')} loading={busy} data-testid="bundle-notify-missing">{t('bundles.action.notify-missing')}</Button> : null}
          {can('supplement') ? <Button type="primary" onClick={() => { setKeys([]); setDialog('supplement'); }} data-testid="bundle-supplement">{t('bundles.action.supplement')}</Button> : null}
          {can('accept') && !b.missing.length ? <Button type="primary" onClick={() => act('accept')} loading={busy} data-testid="bundle-accept">{t('bundles.action.accept')}</Button> : null}
          {can('accept') && b.missing.length ? <Button onClick={() => setDialog('accept-deficient')} data-testid="bundle-accept-deficient">{t('bundles.action.accept-deficient')}</Button> : null}
          {can('withdraw') ? <Button danger onClick={() => setDialog('withdraw')} data-testid="bundle-withdraw">{t('bundles.action.withdraw')}</Button> : null}
        </Space>
      </Card>

      <Card title={t('bundles.parts')} extra={everyPart ? null : <Typography.Text type="secondary">{t('bundles.onlyYours')}</Typography.Text>}>
        <Table rowKey="applicationId" size="small" pagination={false} dataSource={b.parts} scroll={{ x: true }} data-testid="bundle-parts"
          columns={[
            { title: '#', dataIndex: 'position', width: 40 },
            { title: t('bundles.part.item'), dataIndex: 'itemName' },
            { title: t('bundles.part.department'), dataIndex: 'officeName' },
            { title: t('bundles.part.status'), render: (_: unknown, p) => <ApplicationStatusTag status={p.status} testId={`bundle-part-${p.position}-status`} /> },
            { title: t('bundles.part.branch'), render: (_: unknown, p) => (p.branchStatus ? <Space direction="vertical" size={0}><BranchTag status={p.branchStatus} testId={`bundle-part-${p.position}-branch`} />{p.branchReason ? <Typography.Text type="secondary">{p.branchReason}</Typography.Text> : null}</Space> : '—') },
            { title: t('bundles.part.due'), render: (_: unknown, p) => (p.clock ? `${when(p.clock.committedDueAt)}${p.clock.paused ? ' ⏸' : ''}` : '—') },
            { title: '', render: (_: unknown, p) => <Link to={partLink(p.applicationId)} data-testid={`bundle-part-${p.position}-open`}>{t('bundles.part.open')}</Link> },
          ]} />
      </Card>

      <Card title={t('bundles.checklist')}>
        <MergedChecklist checklist={b.checklist} value={b.checklist.filter((m) => m.received).map((m) => m.key)} />
      </Card>

      <Modal open={dialog === 'supplement'} title={t('bundles.action.supplement')} onCancel={() => setDialog(null)} confirmLoading={busy}
        onOk={() => act('supplement', { materialKeys: keys })} okButtonProps={{ disabled: !keys.length, 'data-testid': 'bundle-supplement-ok' } as never}>
        <Space direction="vertical">
          {b.missing.map((m) => (
            <Checkbox key={m.key} checked={keys.includes(m.key)} data-testid={`bundle-supply-${m.key}`}
              onChange={(e) => setKeys(e.target.checked ? [...keys, m.key] : keys.filter((k) => k !== m.key))}>{m.name}</Checkbox>
          ))}
        </Space>
      </Modal>
      <Modal open={dialog === 'accept-deficient'} title={t('bundles.action.accept-deficient')} onCancel={() => setDialog(null)} confirmLoading={busy} onOk={() => deficiencyForm.submit()}>
        <Form form={deficiencyForm} layout="vertical" initialValues={{ supplementDays: 3, creditBad: false }}
          onFinish={(v: { promise: string; supplementDays: number; creditBad: boolean }) => act('accept', { deficiency: v })}>
          <Form.Item name="promise" label={t('bundles.promise')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="supplementDays" label={t('bundles.supplementDays')} rules={[{ required: true }]}><InputNumber min={1} max={20} /></Form.Item>
          <Form.Item name="creditBad" valuePropName="checked"><Checkbox>{t('bundles.creditBad')}</Checkbox></Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'withdraw'} title={t('bundles.action.withdraw')} onCancel={() => setDialog(null)} confirmLoading={busy} onOk={() => withdrawForm.submit()}>
        <Form form={withdrawForm} layout="vertical" onFinish={(v: { reason: string }) => act('withdraw', v)}>
          <Form.Item name="reason" label={t('bundles.reason')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

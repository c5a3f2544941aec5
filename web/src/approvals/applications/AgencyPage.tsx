// Help-and-agency authorisations (帮办代办): the enterprise records one online for itself, or a
// leader from the enterprise's signed letter (the agent, the enterprise, one item or all, until
// when, the letter's reference); the enterprise sees and may revoke its own; a window agent sees
// the enterprises it acts for.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorText, hasAnyRole, useI18n, useLoad, useMe } from '../../shell';
import { guidesApi } from '../api';
import { agencyApi, applicationsApi, normaliseUscc, usccProblem, type AuthorisationView } from './api';

type Standing = 'valid' | 'expired' | 'revoked';
const STANDING_COLORS: Record<Standing, string> = { valid: 'green', expired: 'default', revoked: 'red' };
const standingOf = (a: AuthorisationView, today: string): Standing => (a.revokedAt ? 'revoked' : a.validUntil < today ? 'expired' : 'valid');

interface GrantValues { agentUserId: number; uscc: string; name: string; serviceItemId?: number; validUntil: Dayjs; documentRef: string }

/** `own`: the enterprise authorising for itself, its code and name filled in and fixed. */
function GrantDialog({ open, own, onClose, onDone }: { open: boolean; own: { uscc: string; name: string } | null; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<GrantValues>();
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const agents = useLoad((signal) => (open ? applicationsApi.windowAgents(signal) : Promise.resolve([])), [open]);
  const items = useLoad((signal) => (open ? guidesApi.list({ q: q || undefined, pageSize: 20 }, signal) : Promise.resolve(null)), [open, q]);
  const submit = async (v: GrantValues) => {
    setBusy(true);
    setError(null);
    try {
      await agencyApi.grant({
        agentUserId: v.agentUserId, enterprise: { uscc: normaliseUscc(v.uscc), name: v.name.trim() }, ...(v.serviceItemId ? { serviceItemId: v.serviceItemId } : {}),
        validUntil: v.validUntil.format('YYYY-MM-DD'), documentRef: v.documentRef.trim(),
      });
      form.resetFields();
      onDone();
    } catch (e) {
      setError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  return (
    <Modal open={open} title={t('agency.grant')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={t('applications.form.submit')}
      okButtonProps={{ 'data-testid': 'agency-submit' } as never} destroyOnClose width={560}>
      {error ? <Typography.Paragraph type="danger" data-testid="agency-error">{error}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={own ?? undefined}>
        <Form.Item name="agentUserId" label={t('agency.agent')} rules={[{ required: true, message: t('common.select', { field: t('agency.agent') }) }]}>
          <Select data-testid="agency-agent" loading={agents.loading} showSearch optionFilterProp="label"
            options={(agents.data ?? []).map((a) => ({ value: a.userId, label: `${a.name}（${a.officeName}）` }))} />
        </Form.Item>
        <Form.Item name="uscc" label={t('applications.field.uscc')} rules={[...required(t('applications.field.uscc')),
          { validator: (_r, v?: string) => (v && usccProblem(normaliseUscc(v)) ? Promise.reject(new Error(t(`applications.uscc.${usccProblem(normaliseUscc(v))}`))) : Promise.resolve()) }]}>
          <Input maxLength={18} style={{ textTransform: 'uppercase', fontFamily: 'monospace' }} disabled={own !== null} data-testid="agency-uscc" />
        </Form.Item>
        <Form.Item name="name" label={t('applications.field.enterpriseName')} rules={required(t('applications.field.enterpriseName'))}>
          <Input maxLength={200} disabled={own !== null} data-testid="agency-name" />
        </Form.Item>
        <Form.Item name="serviceItemId" label={t('agency.scope')} extra={t('agency.scopeHelp')}>
          <Select allowClear showSearch filterOption={false} onSearch={setQ} loading={items.loading} data-testid="agency-item" placeholder={t('agency.allItems')}
            options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('agency.validUntil')} rules={[{ required: true, message: t('common.select', { field: t('agency.validUntil') }) }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="agency-valid-until" />
        </Form.Item>
        <Form.Item name="documentRef" label={t('agency.document')} extra={t('agency.documentHelp')} rules={required(t('agency.document'))}>
          <Input maxLength={200} data-testid="agency-document" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AgencyPage() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<AuthorisationView | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const list = useLoad((signal) => agencyApi.list(signal), [round]);
  const leader = hasAnyRole(me?.roles, ['leader']);
  const own = hasAnyRole(me?.roles, ['enterprise']) && me.enterpriseUscc ? { uscc: me.enterpriseUscc, name: me.name } : null;
  const agentOnly = !leader && !own;
  const today = dayjs().format('YYYY-MM-DD');
  const revoke = async () => {
    if (!revoking || !reason.trim()) return;
    setBusy(true);
    setRevokeError(null);
    try {
      await agencyApi.revoke(revoking.id, reason.trim());
      setRevoking(null);
      setReason('');
      message.success(t('agency.revoked'));
      setRound((n) => n + 1);
    } catch (e) {
      setRevokeError(errorText(e, t('error.unexpected')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={agentOnly ? t('agency.titleMine') : t('agency.title')} extra={leader || own ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)} data-testid="agency-grant">{own ? t('agency.grantOwn') : t('agency.grant')}</Button>
    ) : null}>
      <Typography.Paragraph type="secondary">{agentOnly ? t('agency.introMine') : own ? t('agency.introOwn') : t('agency.intro')}</Typography.Paragraph>
      <Table<AuthorisationView> rowKey="id" size="small" loading={list.loading} dataSource={list.data ?? []} scroll={{ x: 900 }} pagination={false} data-testid="agency-table"
        onRow={(a) => ({ 'data-testid': `agency-row-${a.id}` } as never)}
        columns={[
          { title: t('agency.enterprise'), key: 'enterprise', render: (_: unknown, a) => <Space direction="vertical" size={0}><span>{a.enterpriseName}</span><Typography.Text type="secondary" style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{a.enterpriseUscc}</Typography.Text></Space> },
          { title: t('agency.agent'), dataIndex: 'agentName', key: 'agent', width: 110 },
          { title: t('agency.scope'), key: 'scope', render: (_: unknown, a) => a.serviceItemName ?? t('agency.allItems') },
          { title: t('agency.validUntil'), dataIndex: 'validUntil', key: 'validUntil', width: 110, render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span> },
          { title: t('agency.document'), dataIndex: 'documentRef', key: 'document' },
          { title: t('agency.grantedBy'), key: 'granted', width: 150, render: (_: unknown, a) => <Space direction="vertical" size={0}><span>{a.grantedBy}</span><Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{dayjs(a.grantedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text></Space> },
          {
            title: t('agency.standing'), key: 'standing', width: 160, render: (_: unknown, a) => {
              const s = standingOf(a, today);
              return (
                <Space direction="vertical" size={0}>
                  <Tag color={STANDING_COLORS[s]} data-testid={`agency-standing-${a.id}`} data-standing={s}>{t(`agency.standing.${s}`)}</Tag>
                  {a.revokedReason ? <Typography.Text type="secondary">{a.revokedReason}</Typography.Text> : null}
                </Space>
              );
            },
          },
          {
            title: '', key: 'actions', width: 80, render: (_: unknown, a) => (a.revokedAt ? null : (
              <Button size="small" danger onClick={() => { setRevoking(a); setRevokeError(null); }} data-testid={`agency-revoke-${a.id}`}>{t('agency.revoke')}</Button>
            )),
          },
        ]} />
      <GrantDialog open={granting} own={own} onClose={() => setGranting(false)} onDone={() => { setGranting(false); message.success(t('agency.granted')); setRound((n) => n + 1); }} />
      <Modal open={revoking !== null} title={t('agency.revokeTitle', { name: revoking?.enterpriseName ?? '', agent: revoking?.agentName ?? '' })} onCancel={() => setRevoking(null)}
        onOk={revoke} confirmLoading={busy} okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'agency-revoke-submit' } as never} okText={t('agency.revoke')} destroyOnClose>
        {revokeError ? <Typography.Paragraph type="danger" data-testid="agency-error">{revokeError}</Typography.Paragraph> : null}
        <Typography.Text>{t('agency.revokeReason')}</Typography.Text>
        <Input.TextArea rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="agency-revoke-reason" />
      </Modal>
    </Card>
  );
}

// An enterprise's facts beyond its registry fields (企业事实: 高新技术企业, 研发费用占比…), which policy
// conditions read. Staff read them; the region's administrators record authoritative or their own
// findings; the enterprise itself declares its own. The page offers only the sources the server says
// the viewer may record.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { beijingToday } from '../shell/dates';
import { useI18n, useLoad, useReportError } from '../shell';
import { FACT_SOURCE_NAMES, FACT_TYPES, policiesApi, type FactSource, type FactType, type StoredFact } from './api';
import { nameIn } from './names';

const SOURCE_COLORS: Record<FactSource, string> = { registry: 'green', admin: 'blue', declared: 'orange' };

export default function FactsPage() {
  const { key = '' } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const facts = useLoad((signal) => policiesApi.facts(key, signal), [key]);
  // ?name= comes from a policy's "still needed" fact: open the form for it once the page knows the viewer may record.
  const [params, setParams] = useSearchParams();
  const wanted = params.get('name');
  const [editing, setEditing] = useState<StoredFact | 'new' | null>(null);
  const sources = facts.data?.recordableSources ?? [];
  const dialogOpen = editing ?? (wanted && sources.length > 0 ? 'new' : null);
  const closeDialog = () => {
    setEditing(null);
    if (wanted) setParams({}, { replace: true });
  };

  const remove = async (f: StoredFact) => {
    try {
      await policiesApi.removeFact(key, f.name, f.source, f.version);
      message.success(t('policies.facts.removed'));
      facts.reload();
    } catch (err) {
      reportError(err, { onReload: facts.reload });
    }
  };
  const valueText = (f: StoredFact) => (typeof f.value === 'boolean' ? t(f.value ? 'policies.facts.yes' : 'policies.facts.no') : String(f.value));

  return (
    <Card
      title={<Space wrap>{t('policies.facts.title')}<Link to={`/enterprises/${encodeURIComponent(key)}`}>{key}</Link></Space>}
      extra={sources.length > 0 && <Button type="primary" onClick={() => setEditing('new')} data-testid="fact-add">{t('policies.facts.add')}</Button>}
      loading={facts.loading && !facts.data}
    >
      <Typography.Paragraph type="secondary">{t(sources.includes('declared') ? 'policies.facts.introDeclare' : 'policies.facts.intro')}</Typography.Paragraph>
      <Table<StoredFact> rowKey={(f) => `${f.name}/${f.source}`} size="small" pagination={false} dataSource={facts.data?.items ?? []} data-testid="facts-table"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('policies.facts.name'), dataIndex: 'name', key: 'name' },
          { title: t('policies.facts.value'), key: 'value', render: (_, f) => <span data-testid={`fact-value-${f.name}-${f.source}`}>{valueText(f)}</span> },
          { title: t('policies.facts.source'), key: 'source', render: (_, f) => <Tag color={SOURCE_COLORS[f.source]}>{nameIn(lang, FACT_SOURCE_NAMES[f.source])}</Tag> },
          { title: t('policies.facts.asOf'), dataIndex: 'asOf', key: 'asOf' },
          { title: t('policies.facts.recordedBy'), key: 'recordedBy', render: (_, f) => `${f.recordedByName} · ${dayjs(f.recordedAt).format('YYYY-MM-DD HH:mm')}` },
          ...(sources.length ? [{
            title: t('policies.facts.actions'), key: 'actions',
            render: (_: unknown, f: StoredFact) => sources.includes(f.source) && (
              <Space>
                <Button size="small" onClick={() => setEditing(f)} data-testid={`fact-edit-${f.name}-${f.source}`}>{t('policies.facts.edit')}</Button>
                <Popconfirm title={t('policies.facts.removeConfirm', { name: f.name })} onConfirm={() => remove(f)} okButtonProps={{ 'data-testid': 'fact-remove-confirm' } as never}>
                  <Button size="small" danger data-testid={`fact-remove-${f.name}-${f.source}`}>{t('policies.facts.remove')}</Button>
                </Popconfirm>
              </Space>
            ),
          }] : []),
        ]} />
      {dialogOpen && <FactDialog uscc={key} fact={dialogOpen === 'new' ? null : dialogOpen} name={wanted} sources={sources} onClose={closeDialog} onSaved={facts.reload} />}
    </Card>
  );
}

interface FactForm { name: string; type: FactType; value: number | boolean | string | null; source: FactSource; asOf: Dayjs }

function FactDialog({ uscc, fact, name, sources, onClose, onSaved }: {
  uscc: string; fact: StoredFact | null; name: string | null; sources: FactSource[]; onClose: () => void; onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<FactForm>();
  const type = Form.useWatch('type', form) ?? fact?.type ?? 'boolean';
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await policiesApi.recordFact(uscc, v.name.trim(), { type: v.type, value: v.type === 'boolean' ? Boolean(v.value) : v.value!, source: v.source, asOf: v.asOf.format('YYYY-MM-DD'), version: fact?.version });
      message.success(t('common.saved'));
      onSaved();
      onClose();
    } catch (err) {
      reportError(err, { onReload: () => { onSaved(); onClose(); } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t(fact ? 'policies.facts.edit' : 'policies.facts.add')} onCancel={onClose} onOk={save} okButtonProps={{ loading: busy, 'data-testid': 'fact-submit' } as never}>
      <Form<FactForm> form={form} layout="vertical" data-testid="fact-form"
        initialValues={fact ? { ...fact, asOf: dayjs(fact.asOf) } : { name: name ?? '', type: 'boolean', value: true, source: sources[0], asOf: dayjs(beijingToday()) }}>
        <Form.Item name="name" label={t('policies.facts.name')} extra={t('policies.facts.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('policies.facts.nameRequired') }, { max: 40, message: t('policies.facts.nameRequired') }]}>
          <Input disabled={!!fact} data-testid="fact-name" />
        </Form.Item>
        <Form.Item name="type" label={t('policies.facts.type')}>
          <Select data-testid="fact-type" options={FACT_TYPES.map((ft) => ({ value: ft, label: t(`policies.facts.type.${ft}`) }))}
            onChange={(ft: FactType) => form.setFieldValue('value', ft === 'boolean' ? true : null)} />
        </Form.Item>
        <Form.Item name="value" label={t('policies.facts.value')} valuePropName={type === 'boolean' ? 'checked' : 'value'}
          rules={type === 'boolean' ? [] : [{ required: true, message: t('policies.facts.valueRequired') }]}>
          {type === 'boolean' ? <Switch checkedChildren={t('policies.facts.yes')} unCheckedChildren={t('policies.facts.no')} data-testid="fact-value-boolean" />
            : type === 'number' ? <InputNumber style={{ width: '100%' }} data-testid="fact-value-number" />
              : <Input maxLength={200} data-testid="fact-value-text" />}
        </Form.Item>
        <Form.Item name="source" label={t('policies.facts.source')}>
          <Select disabled={!!fact || sources.length === 1} data-testid="fact-source" options={sources.map((s) => ({ value: s, label: nameIn(lang, FACT_SOURCE_NAMES[s]) }))} />
        </Form.Item>
        <Form.Item name="asOf" label={t('policies.facts.asOf')} extra={t('policies.facts.asOfHint')} rules={[{ required: true, message: t('policies.facts.asOfRequired') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="fact-as-of" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

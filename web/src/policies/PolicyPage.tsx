// A policy's editor: its document, clauses, benefit and eligibility conditions; publish (which
// matches it against the registry and pushes it) and retire, as the server's actions allow.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { beijingToday, useI18n, useLoad, useReportError } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import { BENEFIT_KIND_NAMES, BENEFIT_KINDS, blankCondition, POLICY_STATUS_NAMES, policiesApi, type PolicyContent, type PolicyView } from './api';
import { ConditionEditor } from './ConditionEditor';
import { nameIn } from './names';

const EMPTY: PolicyContent = {
  title: '', issuingBody: '', documentNumber: '', officeId: 0, validFrom: beijingToday(), validTo: null, clauses: [{ number: '1', text: '' }],
  benefit: { kind: 'subsidy', amount: null, description: '' }, automaticGrant: false, conditions: [],
};
const contentOf = (p: PolicyView): PolicyContent => ({
  title: p.title, issuingBody: p.issuingBody, documentNumber: p.documentNumber, officeId: p.officeId, validFrom: p.validFrom, validTo: p.validTo,
  clauses: p.clauses, benefit: p.benefit, automaticGrant: p.automaticGrant, conditions: p.conditions,
});

export default function PolicyPage() {
  const { id } = useParams();
  const policyId = id ? Number(id) : null;
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useReportError();
  const loaded = useLoad((signal) => (policyId ? policiesApi.get(policyId, signal) : Promise.resolve(null)), [policyId]);
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const [content, setContent] = useState<PolicyContent>(EMPTY);
  const [problems, setProblems] = useState<{ field: string; zh: string; en: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const policy = loaded.data ?? null;
  useEffect(() => {
    if (policy) setContent(contentOf(policy));
  }, [policy]);
  const editable = !policy || policy.actions.includes('update');
  const set = (patch: Partial<PolicyContent>) => setContent((c) => ({ ...c, ...patch }));
  const clauseNumbers = content.clauses.map((c) => c.number).filter(Boolean);

  const run = async (fn: () => Promise<PolicyView>, done: string) => {
    setBusy(true);
    setProblems([]);
    try {
      const saved = await fn();
      message.success(done);
      if (!policyId) navigate(`/policies/${saved.id}`);
      else loaded.setData(saved);
    } catch (err) {
      const details = (err as { details?: { problems?: { field: string; zh: string; en: string }[] } }).details;
      if (details?.problems) setProblems(details.problems);
      reportError(err, { onReload: loaded.reload });
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(() => (policy ? policiesApi.update(policy.id, policy.version, content) : policiesApi.create(content)), t('policies.saved'));

  return (
    <Card
      title={<Space>{policy ? policy.title : t('policies.new')}{policy && <Tag data-testid="policy-status">{nameIn(lang, POLICY_STATUS_NAMES[policy.status])}</Tag>}{policy && <Tag>{t('policies.field.revision')} {policy.revision}</Tag>}</Space>}
      loading={loaded.loading}
      extra={policy && (
        <Space>
          {policy.status !== 'draft' && <Link to={`/policies/${policy.id}/matches`} data-testid="policy-matches-link">{t('policies.matches')}</Link>}
          {policy.actions.includes('publish') && <Button type="primary" loading={busy} data-testid="policy-publish" onClick={() => run(() => policiesApi.act(policy.id, 'publish', policy.version), t('policies.published'))}>{t('policies.publish')}</Button>}
          {policy.actions.includes('retire') && <Button danger loading={busy} data-testid="policy-retire" onClick={() => run(() => policiesApi.act(policy.id, 'retire', policy.version), t('policies.retire'))}>{t('policies.retire')}</Button>}
        </Space>
      )}
    >
      {problems.length > 0 && <Alert type="error" style={{ marginBottom: 12 }} data-testid="policy-problems" message={problems.map((p) => `${p.field}：${lang === 'en' ? p.en : p.zh}`).join('；')} />}
      <Row gutter={16}>
        <Col span={12}><Typography.Text>{t('policies.field.title')}</Typography.Text><Input value={content.title} disabled={!editable} onChange={(e) => set({ title: e.target.value })} data-testid="policy-title" /></Col>
        <Col span={6}><Typography.Text>{t('policies.field.issuingBody')}</Typography.Text><Input value={content.issuingBody} disabled={!editable} onChange={(e) => set({ issuingBody: e.target.value })} data-testid="policy-issuing-body" /></Col>
        <Col span={6}><Typography.Text>{t('policies.field.documentNumber')}</Typography.Text><Input value={content.documentNumber} disabled={!editable} onChange={(e) => set({ documentNumber: e.target.value })} data-testid="policy-document-number" /></Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col span={8}><Typography.Text>{t('policies.field.office')}</Typography.Text>
          <OfficeTreeSelect offices={offices.data ?? []} value={content.officeId || null} onChange={(officeId) => set({ officeId: officeId ?? 0 })} loading={offices.loading} allowClear={false} data-testid="policy-office" />
        </Col>
        <Col span={4}><Typography.Text>{t('policies.field.validFrom')}</Typography.Text><Input type="date" value={content.validFrom} disabled={!editable} onChange={(e) => set({ validFrom: e.target.value })} /></Col>
        <Col span={4}><Typography.Text>{t('policies.field.validTo')}</Typography.Text><Input type="date" value={content.validTo ?? ''} disabled={!editable} onChange={(e) => set({ validTo: e.target.value || null })} /></Col>
        <Col span={8} style={{ paddingTop: 22 }}><Checkbox checked={content.automaticGrant} disabled={!editable} onChange={(e) => set({ automaticGrant: e.target.checked })} data-testid="policy-automatic">{t('policies.field.automaticGrant')}</Checkbox></Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('policies.field.benefit')}</Typography.Title>
      <Space wrap>
        <Select style={{ width: 140 }} aria-label={t('policies.field.benefitKind')} value={content.benefit.kind} disabled={!editable} onChange={(kind) => set({ benefit: { ...content.benefit, kind } })}
          options={BENEFIT_KINDS.map((k) => ({ value: k, label: nameIn(lang, BENEFIT_KIND_NAMES[k]) }))} />
        <InputNumber min={0} precision={0} style={{ width: 180 }} placeholder={t('policies.field.amount')} value={content.benefit.amount} disabled={!editable} onChange={(amount) => set({ benefit: { ...content.benefit, amount: amount ?? null } })} data-testid="policy-amount" />
        <Input style={{ width: 420 }} value={content.benefit.description} disabled={!editable} onChange={(e) => set({ benefit: { ...content.benefit, description: e.target.value } })} data-testid="policy-benefit" />
      </Space>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('policies.clauses')}</Typography.Title>
      {content.clauses.map((c, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 8 }} align="start">
          <Input style={{ width: 90 }} aria-label={t('policies.clause.number')} value={c.number} disabled={!editable} onChange={(e) => set({ clauses: content.clauses.map((x, j) => (j === i ? { ...x, number: e.target.value } : x)) })} data-testid={`policy-clause-${i}-number`} />
          <Input.TextArea style={{ width: 640 }} autoSize aria-label={t('policies.clause.text')} value={c.text} disabled={!editable} onChange={(e) => set({ clauses: content.clauses.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })} data-testid={`policy-clause-${i}-text`} />
        </Space>
      ))}
      {editable && <Button icon={<PlusOutlined />} onClick={() => set({ clauses: [...content.clauses, { number: String(content.clauses.length + 1), text: '' }] })}>{t('policies.clause.add')}</Button>}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('policies.conditions')}</Typography.Title>
      {content.conditions.map((c, i) => (
        <ConditionEditor key={i} index={i} value={c} clauses={clauseNumbers}
          onChange={(next) => set({ conditions: content.conditions.map((x, j) => (j === i ? next : x)) })}
          onRemove={() => set({ conditions: content.conditions.filter((_, j) => j !== i) })} />
      ))}
      {editable && (
        <div>
          <Button icon={<PlusOutlined />} data-testid="policy-condition-add" onClick={() => set({ conditions: [...content.conditions, blankCondition('size', clauseNumbers[0] ?? '1')] })}>{t('policies.condition.add')}</Button>
        </div>
      )}
      {editable && <Button type="primary" style={{ marginTop: 16 }} loading={busy} onClick={save} data-testid="policy-save">{t('policies.save')}</Button>}
    </Card>
  );
}

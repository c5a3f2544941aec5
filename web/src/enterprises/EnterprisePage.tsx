// One enterprise (企业档案): its record, contacts and accounts, and every section a module
// contributes of its work with the enterprise (its cases today), each as the viewer may see it.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Grid, List, Modal, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { isApiError, useI18n, useLoad, useReportError } from '../shell';
import { ENTERPRISE_KIND_NAMES, ENTERPRISE_SIZE_NAMES, enterprisesApi, problemsOf, type EnterpriseContact, type EnterprisePage as Page, type EnterpriseSectionItem } from './api';
import { industryText, nameIn } from './names';
import { CreditTag } from './CreditTag';
import { EnterpriseFormDialog } from './EnterpriseFormDialog';
import { ContactsField } from './ContactsField';

export default function EnterprisePage() {
  const { key = '' } = useParams();
  const { t, lang } = useI18n();
  const page = useLoad((signal) => enterprisesApi.get(key, signal), [key], false);
  const [editing, setEditing] = useState(false);
  const [editingContacts, setEditingContacts] = useState(false);
  const narrow = Grid.useBreakpoint().md === false;

  if (page.loading && !page.data) return <Spin />;
  if (!page.data) {
    const message = isApiError(page.error) ? page.error.message : t('error.unexpected');
    return <Result status={isApiError(page.error) && page.error.status === 404 ? '404' : 'error'} subTitle={message} data-testid="enterprise-missing" />;
  }
  const e = page.data;
  const sectionColumns = [
    { title: t('enterprises.section.code'), key: 'code', render: (_: unknown, i: EnterpriseSectionItem) => <Link to={i.path}>{i.code}</Link> },
    { title: t('enterprises.section.titleCol'), dataIndex: 'title', key: 'title' },
    { title: t('enterprises.section.status'), key: 'status', render: (_: unknown, i: EnterpriseSectionItem) => <Tag>{nameIn(lang, i.statusName)}</Tag> },
    { title: t('enterprises.section.at'), key: 'at', render: (_: unknown, i: EnterpriseSectionItem) => dayjs(i.at).format('YYYY-MM-DD') },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="enterprise-page">
      <Card
        // The name wraps on a phone, and its marks after it, instead of being cut off at the card's edge.
        styles={{ title: { whiteSpace: 'normal' } }}
        title={<Space wrap size={[8, 4]}><span data-testid="enterprise-name" style={{ overflowWrap: 'anywhere' }}>{e.name}</span>{e.keyEnterprise && <Tag color="gold">{t('enterprises.field.keyEnterprise')}</Tag>}<CreditTag credit={e.credit} /></Space>}
        extra={e.canEdit && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">{t('enterprises.edit')}</Button>}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="enterprise-details">
          <Descriptions.Item label={t('enterprises.field.uscc')}>
            <Space>{e.uscc}{e.usccOverrideReason && <Typography.Text type="warning">（{t('enterprises.field.usccOverrideReason')}：{e.usccOverrideReason}）</Typography.Text>}</Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.kind')}>{nameIn(lang, ENTERPRISE_KIND_NAMES[e.kind])}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.legalRepresentative')}>{e.legalRepresentative ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.region')}>{e.regionName}（{e.regionCode}）</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.address')}>{e.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.industry')}>{industryText(e.industryDivision, e.industrySection)}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.size')}>{e.size ? nameIn(lang, ENTERPRISE_SIZE_NAMES[e.size]) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.establishedOn')}>{e.establishedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.field.registeredCapital')}>{e.registeredCapital ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('enterprises.field.contacts')} size="small"
        extra={e.canEditContacts && <Button size="small" onClick={() => setEditingContacts(true)} data-testid="enterprise-contacts-edit">{t('enterprises.contacts.edit')}</Button>}>
        <Table<EnterpriseContact> rowKey={(c) => `${c.name}/${c.phone}`} size="small" pagination={false} dataSource={e.contacts} data-testid="enterprise-contact-table"
          columns={[
            { title: t('enterprises.contact.name'), dataIndex: 'name', key: 'name' },
            { title: t('enterprises.contact.role'), dataIndex: 'role', key: 'role' },
            { title: t('enterprises.contact.phone'), dataIndex: 'phone', key: 'phone' },
          ]} />
      </Card>

      <Card title={t('enterprises.accounts')} size="small" data-testid="enterprise-accounts">
        {e.accounts.length === 0 ? <Typography.Text type="secondary">{t('enterprises.accounts.none')}</Typography.Text> : (
          <List size="small" dataSource={e.accounts} renderItem={(a) => (
            <List.Item>{a.name}（{a.username}）{!a.active && <Tag>{t('enterprises.accounts.inactive')}</Tag>}</List.Item>
          )} />
        )}
      </Card>

      {e.sections.map((s) => (
        <Card key={s.key} size="small" data-testid={`enterprise-section-${s.key}`}
          styles={{ title: { whiteSpace: 'normal' }, extra: { whiteSpace: 'normal', textAlign: 'right', maxWidth: '50%' } }}
          title={<Space wrap size={[8, 0]}>{nameIn(lang, s.title)}<Typography.Text type="secondary">{t('enterprises.section.total', { n: s.total })}</Typography.Text></Space>}
          extra={s.link && <Link to={s.link.path} data-testid={`enterprise-section-link-${s.key}`}>{nameIn(lang, s.link.label)}</Link>}>
          {s.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprises.section.empty')} /> : (
            <>
              {narrow ? (
                // On a phone a four-column table squeezes the title to a character a line: each item is two lines instead.
                <List<EnterpriseSectionItem> size="small" dataSource={s.items} renderItem={(i) => (
                  <List.Item key={i.id} style={{ display: 'block', paddingInline: 0 }}>
                    <Space wrap size={[8, 2]}>
                      <Link to={i.path}>{i.code}</Link>
                      <Tag>{nameIn(lang, i.statusName)}</Tag>
                      <Typography.Text type="secondary">{dayjs(i.at).format('YYYY-MM-DD')}</Typography.Text>
                    </Space>
                    <div>{i.title}</div>
                  </List.Item>
                )} />
              ) : (
                <Table<EnterpriseSectionItem> rowKey="id" size="small" pagination={false} columns={sectionColumns} dataSource={s.items} />
              )}
              {s.total > s.items.length && <Typography.Text type="secondary">{t('enterprises.section.more', { shown: s.items.length, n: s.total })}</Typography.Text>}
            </>
          )}
        </Card>
      ))}

      {editing && <EnterpriseFormDialog saved={e} onClose={() => setEditing(false)} onSaved={() => page.reload()} />}
      {editingContacts && <ContactsDialog enterprise={e} onClose={() => setEditingContacts(false)} onSaved={() => page.reload()} />}
    </Space>
  );
}

function ContactsDialog({ enterprise, onClose, onSaved }: { enterprise: Page; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [contacts, setContacts] = useState(enterprise.contacts);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await enterprisesApi.saveContacts(enterprise.uscc, enterprise.version, contacts);
      message.success(t('common.saved'));
      onSaved();
      onClose();
    } catch (err) {
      const found = problemsOf(err);
      if (found.length) setProblems(found.map((p) => (lang === 'en' ? p.messageEn : p.messageZh)));
      else reportError(err, { onReload: () => { onSaved(); onClose(); } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('enterprises.contacts.edit')} onCancel={onClose} onOk={save} okButtonProps={{ loading: busy, 'data-testid': 'contacts-submit' } as never} width={640}>
      {problems.map((p) => <Typography.Paragraph key={p} type="danger" style={{ marginBottom: 4 }}>{p}</Typography.Paragraph>)}
      <ContactsField value={contacts} onChange={setContacts} />
    </Modal>
  );
}

// The contact list as one form control (value = contacts), for the record form and the contacts dialog.
import { Button, Input, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../shell';
import type { EnterpriseContact } from './api';

export function ContactsField({ value = [], onChange }: { value?: EnterpriseContact[]; onChange?: (v: EnterpriseContact[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, patch: Partial<EnterpriseContact>) => onChange?.(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="enterprise-contacts">
      {value.map((c, i) => (
        <Space key={i} wrap>
          <Input placeholder={t('enterprises.contact.name')} aria-label={t('enterprises.contact.name')} value={c.name} maxLength={50} onChange={(e) => set(i, { name: e.target.value })} data-testid={`contact-${i}-name`} />
          <Input placeholder={t('enterprises.contact.role')} aria-label={t('enterprises.contact.role')} value={c.role} maxLength={50} onChange={(e) => set(i, { role: e.target.value })} data-testid={`contact-${i}-role`} />
          <Input placeholder={t('enterprises.contact.phone')} aria-label={t('enterprises.contact.phone')} value={c.phone} maxLength={30} onChange={(e) => set(i, { phone: e.target.value })} data-testid={`contact-${i}-phone`} />
          <Button icon={<DeleteOutlined />} aria-label={t('enterprises.contact.remove')} onClick={() => onChange?.(value.filter((_, j) => j !== i))} />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange?.([...value, { name: '', role: '', phone: '' }])} data-testid="contact-add">{t('enterprises.contact.add')}</Button>
    </Space>
  );
}

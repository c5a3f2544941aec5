// The merged checklist of a bundle: one line per material however many items list it, marked
// shared, supplied by another part (never asked), or allowed to come later.
import { Checkbox, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../shell';
import type { MergedMaterial } from './api';

export function MergedChecklist({ checklist, value, onChange }: { checklist: MergedMaterial[]; value: string[]; onChange?: (keys: string[]) => void }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="bundle-checklist">
      {checklist.map((m) => (
        <div key={m.key}>
          <Checkbox checked={m.internal || value.includes(m.key)} disabled={m.internal || !onChange} data-testid={`bundle-material-${m.key}`}
            onChange={(e) => onChange?.(e.target.checked ? [...value, m.key] : value.filter((k) => k !== m.key))}>
            {m.name}
          </Checkbox>
          {m.items.length > 1 && !m.internal ? <Tag color="purple">{t('bundles.shared')}</Tag> : null}
          {m.internal ? <Tag color="cyan">{t('bundles.internal')}</Tag> : null}
          {m.deficiency ? <Tag color="gold">{t('bundles.deficiency')}</Tag> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginLeft: 24 }}>
            {t('bundles.usedBy', { items: m.items.map((i) => i.itemName).join('、') })}
          </Typography.Text>
        </div>
      ))}
    </Space>
  );
}

/** The entries the applicant is asked for and has not ticked. */
export const missingKeys = (checklist: MergedMaterial[], ticked: string[]) => checklist.filter((m) => m.required && !m.internal && !ticked.includes(m.key));

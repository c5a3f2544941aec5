import { Tag } from 'antd';
import { useI18n } from '../shell';
import { CREDIT_NAMES, type CreditStanding } from './api';
import { nameIn } from './names';

const COLORS: Record<CreditStanding, string> = { good: 'green', normal: 'default', bad: 'red' };

export function CreditTag({ credit }: { credit: CreditStanding }) {
  const { lang } = useI18n();
  return <Tag color={COLORS[credit]}>{nameIn(lang, CREDIT_NAMES[credit])}</Tag>;
}

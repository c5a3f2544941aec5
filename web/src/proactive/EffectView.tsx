// A finished task's effect: its hotspot's appeals before and after, against the same weeks a year earlier.
import { Descriptions } from 'antd';
import { useI18n } from '../shell';
import { signedPercent, type TaskView } from './api';

export function EffectView({ effect }: { effect: NonNullable<TaskView['effect']> }) {
  const { t } = useI18n();
  return (
    <Descriptions column={3} size="small" data-testid="task-effect">
      <Descriptions.Item label={t('proactive.effect.weeks')}>{effect.weeks}</Descriptions.Item>
      <Descriptions.Item label={t('proactive.effect.before')}><span data-testid="effect-before">{effect.before}</span></Descriptions.Item>
      <Descriptions.Item label={t('proactive.effect.after')}><span data-testid="effect-after">{effect.after}</span></Descriptions.Item>
      <Descriptions.Item label={t('proactive.effect.change')}>{signedPercent(effect.change)}</Descriptions.Item>
      <Descriptions.Item label={t('proactive.effect.seasonal')}>{signedPercent(effect.seasonalChange)}</Descriptions.Item>
      <Descriptions.Item label={t('proactive.effect.net')}>{signedPercent(effect.netChange)}</Descriptions.Item>
    </Descriptions>
  );
}

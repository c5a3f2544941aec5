// A visit's teams by department, with the recusals recorded.
import { Space, Typography } from 'antd';
import { useI18n } from '../shell';
import type { VisitView } from './api';

export function TeamCell({ visit }: { visit: VisitView }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={0}>
      {visit.teams.map((team) => (
        <span key={team.departmentId}>{team.departmentName}：{team.inspectors.map((i) => `${i.name}（${i.certificateNo}）`).join('、')}</span>
      ))}
      {visit.recusals.map((r, i) => (
        <Typography.Text key={i} type="secondary" data-testid="visit-recusal">{t('inspections.visit.recused', { inspector: r.inspector, replacement: r.replacement, reason: r.reason })}</Typography.Text>
      ))}
    </Space>
  );
}

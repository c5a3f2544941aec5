// The stages of an application and the branch of each department in them (并联审批): one table
// per stage, every department's status, what a department asked the applicant for or why it refused.
import type { HTMLAttributes } from 'react';
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useI18n } from '../../shell';
import type { ApplicationView } from './api';
import { BranchTag } from './tags';
import { when } from './Clock';

type Stage = ApplicationView['stages'][number];
type Branch = Stage['branches'][number];

const STAGE_COLORS: Record<Stage['status'], string> = { open: 'processing', approved: 'green', refused: 'red', withdrawn: 'default' };

export function StagesView({ stages }: { stages: ApplicationView['stages'] }) {
  const { t } = useI18n();
  if (!stages.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('applications.stages.none')} />;
  const columns: TableColumnsType<Branch> = [
    { title: t('applications.stages.department'), dataIndex: 'departmentName', key: 'dept' },
    { title: t('applications.stages.branchStatus'), key: 'status', render: (_: unknown, b) => <BranchTag status={b.status} /> },
    {
      title: t('applications.stages.reason'), key: 'reason',
      render: (_: unknown, b) => (b.reason ? <Typography.Text type={b.status === 'refused' ? 'danger' : undefined}>{b.reason}</Typography.Text> : '—'),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="stages">
      {stages.map((s) => (
        <Card key={s.stageNo} size="small" type="inner" data-testid={`stage-${s.stageNo}`}>
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('applications.stages.title', { n: s.stageNo, name: s.name })}</Typography.Text>
            <Tag color={STAGE_COLORS[s.status]}>{t(`applications.stage.${s.status}`)}</Tag>
            {s.paused ? <Tag color="purple">{t('applications.stages.paused')}</Tag> : null}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{when(s.startedAt)}{s.endedAt ? ` — ${when(s.endedAt)}` : ''}</Typography.Text>
          </Space>
          <Table rowKey="departmentId" size="small" pagination={false} columns={columns} dataSource={s.branches}
            onRow={(b) => ({ 'data-testid': `branch-${s.stageNo}-${b.departmentId}` } as HTMLAttributes<HTMLElement>)} />
        </Card>
      ))}
    </Space>
  );
}

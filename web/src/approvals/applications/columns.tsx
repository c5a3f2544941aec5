// The columns every staff list of applications shares.
import type { HTMLAttributes } from 'react';
import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../shell';
import type { ApplicationSummary } from './api';
import { when } from './Clock';
import { ApplicationStatusTag, BranchTag, DueTag } from './tags';

export function useApplicationColumns(): TableColumnsType<ApplicationSummary> {
  const { t } = useI18n();
  return [
    { title: t('applications.field.number'), dataIndex: 'id', key: 'id', width: 80, render: (id: number) => <Link to={`/approvals/applications/${id}`} data-testid={`open-application-${id}`}>{id}</Link> },
    { title: t('applications.field.item'), dataIndex: 'itemName', key: 'item', render: (name: string, r) => <Link to={`/approvals/applications/${r.id}`}>{name}</Link> },
    {
      title: t('applications.field.applicant'), key: 'applicant',
      render: (_: unknown, r) => <Space direction="vertical" size={0}><span>{r.applicantName}</span>{r.applicantUscc ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.applicantUscc}</Typography.Text> : null}</Space>,
    },
    { title: t('applications.field.status'), key: 'status', width: 150, render: (_: unknown, r) => (
      <>
        <ApplicationStatusTag status={r.status} />
        {r.greenChannel ? <Tag color="green" data-testid={`green-${r.id}`}>{t('applications.green')}</Tag> : null}
      </>
    ) },
    { title: t('applications.field.due'), key: 'due', width: 100, render: (_: unknown, r) => (r.acceptedAt && ['accepted', 'in_review'].includes(r.status) ? <DueTag state={r.dueState} /> : '—') },
    {
      title: t('applications.field.branches'), key: 'branches',
      render: (_: unknown, r) => (r.openBranches.length ? <Space direction="vertical" size={2}>{r.openBranches.map((b) => <span key={b.departmentId}>{b.departmentName} <BranchTag status={b.status} /></span>)}</Space> : '—'),
    },
    { title: t('applications.field.owner'), key: 'owner', width: 110, render: (_: unknown, r) => r.ownerDisplayName ?? r.ownerName ?? '—' },
    { title: t('applications.field.receivedAt'), dataIndex: 'receivedAt', key: 'received', width: 150, render: (v: string) => when(v) },
  ];
}

export const rowTestId = (r: ApplicationSummary) => ({ 'data-testid': `application-row-${r.id}` } as HTMLAttributes<HTMLElement>);

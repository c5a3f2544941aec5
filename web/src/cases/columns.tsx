// Table columns the case lists share (code, title, status, deadline, lead office, …).
import { useMemo, type HTMLAttributes } from 'react';
import type { TableColumnType } from 'antd';
import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { useI18n } from '../shell';
import type { CaseView } from './api';
import { DeadlineTag } from './DeadlineTag';
import { useOffices } from './reference';
import { PriorityTag, StatusTag, SupervisionTag, TypeTag } from './StatusTag';
import { channelText } from './RequesterText';

export type CaseColumn = TableColumnType<CaseView>;

export function useCaseColumns() {
  const { t } = useI18n();
  const offices = useOffices();
  return useMemo(() => {
    const code: CaseColumn = {
      title: t('cases.field.code'),
      dataIndex: 'code',
      key: 'code',
      width: 130,
      render: (_: unknown, c) => (
        <Link to={`/cases/${c.id}`} data-testid={`case-link-${c.id}`}>
          {c.code}
        </Link>
      ),
    };
    const title: CaseColumn = {
      title: t('cases.field.title'),
      dataIndex: 'title',
      key: 'title',
      // A fixed width lets a long title wrap, so the list fits 1280 px.
      width: 190,
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <Typography.Text>{c.title}</Typography.Text>
          <PriorityTag priority={c.priority} />
          <SupervisionTag level={c.supervisionLevel} />
        </Space>
      ),
    };
    const type: CaseColumn = { title: t('cases.field.type'), dataIndex: 'type', key: 'type', width: 80, render: (_: unknown, c) => <TypeTag type={c.type} /> };
    const channel: CaseColumn = { title: t('cases.field.channel'), dataIndex: 'channel', key: 'channel', width: 120, render: (_: unknown, c) => channelText(t, c.channel) };
    const status: CaseColumn = { title: t('cases.field.status'), dataIndex: 'status', key: 'status', width: 95, render: (_: unknown, c) => <StatusTag status={c.status} testId={`case-status-${c.id}`} /> };
    const deadline: CaseColumn = {
      title: t('cases.field.deadline'),
      key: 'deadline',
      width: 170,
      render: (_: unknown, c) => (
        <Space size={4} wrap>
          <DeadlineTag deadline={c.deadline} testId={`deadline-${c.id}`} />
          {c.wasOverdue && !c.deadline && <Tag color="red">{t('cases.field.wasOverdue')}</Tag>}
        </Space>
      ),
    };
    const lead: CaseColumn = {
      title: t('cases.field.leadOffice'),
      dataIndex: 'leadOfficeId',
      key: 'lead',
      width: 140,
      render: (_: unknown, c) => c.leadOfficeName ?? (c.leadOfficeId === null ? '—' : offices.label(c.leadOfficeId)),
    };
    const acceptedAt: CaseColumn = {
      title: t('cases.field.acceptedAt'),
      dataIndex: 'acceptedAt',
      key: 'acceptedAt',
      width: 95,
      render: (v: string) => dayjs(v).format('MM-DD HH:mm'),
    };
    return { code, title, type, channel, status, deadline, lead, acceptedAt, officeLabel: offices.label };
  }, [t, offices]);
}

/** Gives each table row a test id: `${prefix}-${id}`. */
export const rowTestId = (prefix: string) => (c: { id: number }) => ({ 'data-testid': `${prefix}-${c.id}` }) as HTMLAttributes<HTMLElement>;

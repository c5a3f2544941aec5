import { useMemo, useState } from 'react';
import { Button, Card, InputNumber, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../shell';
import type { CalendarYear } from './api';

/** Which years have official holiday data, and where it came from. */
export function YearsCard({
  years,
  loading,
  isAdmin,
  onEnter,
}: {
  years: CalendarYear[];
  loading: boolean;
  isAdmin: boolean;
  onEnter: (year: number) => void;
}) {
  const { t } = useI18n();
  const sorted = useMemo(() => [...years].sort((a, b) => b.year - a.year), [years]);
  const [otherYear, setOtherYear] = useState<number | null>(dayjs().year() + 1);

  const columns: TableColumnsType<CalendarYear> = [
    { title: t('calendar.year'), dataIndex: 'year', key: 'year' },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      key: 'source',
      render: (s: CalendarYear['source']) => t(`calendar.source.${s}`),
    },
    {
      title: t('calendar.counts'),
      key: 'counts',
      align: 'right',
      render: (_, y) => `${y.holidays} / ${y.makeUpWorkdays}`,
    },
    {
      title: t('calendar.status'),
      key: 'status',
      render: (_, y) =>
        y.source === 'none' ? (
          <Space size={4} wrap>
            <Tag color="warning" icon={<WarningOutlined />} data-testid={`calendar-year-nodata-${y.year}`}>
              {t('calendar.noArrangement')}
            </Tag>
            {y.partial && <Tag>{t('calendar.partial')}</Tag>}
          </Space>
        ) : (
          <Tag color="green">{t('calendar.complete')}</Tag>
        ),
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, y) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEnter(y.year)} data-testid={`calendar-enter-${y.year}`}>
          {t('calendar.enter')}
        </Button>
      ),
    });
  }

  return (
    <Card
      title={t('calendar.years')}
      extra={
        isAdmin && (
          <Space.Compact>
            <InputNumber<number>
              min={2000}
              max={2100}
              value={otherYear}
              onChange={setOtherYear}
              aria-label={t('calendar.year')}
              data-testid="calendar-other-year"
              style={{ width: 100 }}
            />
            <Tooltip title={t('calendar.enterHelp')}>
              <Button disabled={!otherYear} onClick={() => otherYear && onEnter(otherYear)} data-testid="calendar-enter-other">
                {t('calendar.enterOther')}
              </Button>
            </Tooltip>
          </Space.Compact>
        )
      }
    >
      <Table<CalendarYear>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={sorted}
        loading={loading}
        pagination={false}
        scroll={{ y: 360, x: 'max-content' }}
        data-testid="calendar-years"
        rowClassName={(y) => (y.source === 'none' ? 'qq-year-nodata' : '')}
      />
    </Card>
  );
}

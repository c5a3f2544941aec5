// Controls the evaluation pages share: the period (a month range kept in the address, so the
// way back from a drill-down returns to the same view), the scope (an office in the caller's
// subtree), export buttons and the link from a number to the cases behind it.
import { useCallback, useMemo, type ReactNode } from 'react';
import { Button, DatePicker, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../shell';
import { OfficeTreeSelect } from '../offices';
import { useOffices } from '../cases/reference';
import { defaultPeriod, drillPath, isMonth, MONTH, type DrillFilter, type Period } from './api';

/** Reads and writes a set of page parameters in the address (replace, not push). */
export function useParamState() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (patch: Record<string, string | number | null | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === null || v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [params, update] as const;
}

/** The period and scope of the page, from the address, defaulting to the last twelve months. */
export function usePeriod(): [Period, (patch: Partial<Period>) => void] {
  const [params, update] = useParamState();
  const from = params.get('from');
  const to = params.get('to');
  const scopeRaw = params.get('scope');
  const period = useMemo<Period>(() => {
    const d = defaultPeriod();
    const scope = scopeRaw && /^[1-9]\d*$/.test(scopeRaw) ? Number(scopeRaw) : null;
    const f = isMonth(from) ? from : d.from;
    const t = isMonth(to) ? to : d.to;
    return f <= t ? { from: f, to: t, scope } : { from: t, to: f, scope };
  }, [from, to, scopeRaw]);
  const set = useCallback((patch: Partial<Period>) => update({ ...patch }), [update]);
  return [period, set];
}

export function MonthRangePicker({ value, onChange, testId }: { value: Period; onChange: (from: string, to: string) => void; testId?: string }) {
  const { t } = useI18n();
  const range: [Dayjs, Dayjs] = [dayjs(`${value.from}-01`), dayjs(`${value.to}-01`)];
  return (
    <DatePicker.RangePicker
      picker="month"
      allowClear={false}
      value={range}
      onChange={(v) => {
        if (v?.[0] && v[1]) onChange(v[0].format(MONTH), v[1].format(MONTH));
      }}
      aria-label={t('evaluation.period')}
      data-testid={testId}
    />
  );
}

export function ScopePicker({ value, onChange, testId }: { value: number | null | undefined; onChange: (id: number | null) => void; testId?: string }) {
  const { t } = useI18n();
  const { offices, loading } = useOffices();
  return (
    <OfficeTreeSelect
      offices={offices}
      loading={loading}
      value={value ?? null}
      onChange={onChange}
      placeholder={t('evaluation.scope.mine')}
      aria-label={t('evaluation.scope')}
      style={{ width: 280 }}
      data-testid={testId}
    />
  );
}

export function ExportButtons({ xlsx, csv, testId }: { xlsx: string; csv: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Space>
      <Button icon={<DownloadOutlined />} href={xlsx} data-testid={`${testId}-xlsx`}>
        {t('evaluation.export.xlsx')}
      </Button>
      <Button icon={<DownloadOutlined />} href={csv} data-testid={`${testId}-csv`}>
        {t('evaluation.export.csv')}
      </Button>
    </Space>
  );
}

/** A number that opens the list of the cases behind it; plain text when there is nothing to list. */
export function DrillLink({ filter, children, testId, disabled }: { filter: DrillFilter | null; children: ReactNode; testId?: string; disabled?: boolean }) {
  const { t } = useI18n();
  if (!filter || disabled) return <span data-testid={testId}>{children}</span>;
  return (
    <Link to={drillPath(filter)} data-testid={testId} title={t('evaluation.drill.hint')}>
      {children}
    </Link>
  );
}

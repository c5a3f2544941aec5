// A region picker: type a name, pick from GET /api/regions?q=. Works as a Form.Item control
// (value = region code) and shows the full path of a preset value.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, Spin, Tag, Typography } from 'antd';
import { isAbort, useI18n, useReportError } from '../shell';
import { regionsApi, type Region } from './api';

export interface RegionSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null, region: Region | null) => void;
  /** Only offer regions that pass (e.g. no counties as a parent). */
  filter?: (r: Region) => boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  'data-testid'?: string;
  'aria-label'?: string;
}

export function RegionSelect(props: RegionSelectProps) {
  const { id, value, onChange, filter, placeholder, allowClear = true, disabled } = props;
  const { t } = useI18n();
  const reportError = useReportError();
  const [results, setResults] = useState<Region[]>([]);
  const [known, setKnown] = useState<Record<string, { region: Region; path?: string }>>({});
  const [searching, setSearching] = useState(false);
  const [query, setQuery] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ctrl = useRef<AbortController | null>(null);
  const knownRef = useRef(known);
  knownRef.current = known;

  // Show the name and path of a value set from outside (an office's saved region).
  useEffect(() => {
    if (!value || knownRef.current[value]?.path) return;
    const c = new AbortController();
    regionsApi
      .get(value, c.signal)
      .then((d) => {
        const path = [...d.ancestors.map((a) => a.name), d.name].join(' / ');
        setKnown((k) => ({ ...k, [d.code]: { region: d, path } }));
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) reportError(e);
      });
    return () => c.abort();
  }, [value, reportError]);

  useEffect(() => () => {
    clearTimeout(timer.current);
    ctrl.current?.abort();
  }, []);

  const onSearch = (q: string) => {
    setQuery(q);
    clearTimeout(timer.current);
    ctrl.current?.abort();
    const text = q.trim();
    if (!text) {
      setResults([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    timer.current = setTimeout(() => {
      const c = new AbortController();
      ctrl.current = c;
      regionsApi
        .search(text, c.signal)
        .then((items) => {
          const shown = filter ? items.filter(filter) : items;
          setResults(shown);
          setKnown((k) => {
            const next = { ...k };
            for (const r of shown) if (!next[r.code]) next[r.code] = { region: r };
            return next;
          });
          setSearching(false);
        })
        .catch((e: unknown) => {
          if (isAbort(e)) return;
          setSearching(false);
          reportError(e);
        });
    }, 250);
  };

  const options = useMemo(() => {
    const list = [...results];
    if (value && known[value] && !list.some((r) => r.code === value)) list.unshift(known[value].region);
    return list.map((r) => ({
      value: r.code,
      title: r.name,
      'data-testid': `region-option-${r.code}`,
      label: (
        <span>
          {known[r.code]?.path && r.code === value && !query ? known[r.code].path : r.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>{' '}
          <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
            {t(`regions.level.${r.level}`)}
          </Tag>
        </span>
      ),
    }));
  }, [results, value, known, query, t]);

  return (
    <Select
      id={id}
      showSearch
      value={value ?? undefined}
      placeholder={placeholder ?? t('regions.selectPlaceholder')}
      filterOption={false}
      onSearch={onSearch}
      onChange={(code?: string) => {
        setQuery('');
        onChange?.(code ?? null, code ? (known[code]?.region ?? null) : null);
      }}
      onBlur={() => setQuery('')}
      notFoundContent={searching ? <Spin size="small" /> : query.trim() ? t('regions.selectEmpty') : t('regions.selectHint')}
      options={options}
      allowClear={allowClear}
      disabled={disabled}
      data-testid={props['data-testid']}
      aria-label={props['aria-label']}
      style={{ width: '100%' }}
    />
  );
}

// Showing API errors the same way everywhere: a toast for most, a "reload?" dialog for a
// stale version (409), nothing for 401 (the auth context already sends the user to login).
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { isAbort, isApiError } from './api';
import { useI18n } from './i18n';

export interface ReportOptions {
  /** Offered as "reload" when the server answers 409 (someone else changed the record). */
  onReload?: () => void;
}

export function useReportError() {
  const { message, modal } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (err: unknown, opts: ReportOptions = {}) => {
      if (isAbort(err)) return;
      if (isApiError(err)) {
        if (err.status === 401) return;
        if (err.status === 409 && opts.onReload) {
          const onReload = opts.onReload;
          modal.confirm({
            title: t('error.stale.title'),
            content: err.message,
            okText: t('error.stale.reload'),
            cancelText: t('common.cancel'),
            onOk: () => onReload(),
          });
          return;
        }
        message.error(err.message);
        return;
      }
      console.error(err);
      message.error(t('error.unexpected'));
    },
    [message, modal, t],
  );
}

/** Text for an inline form error. */
export function errorText(err: unknown, fallback: string): string {
  if (isApiError(err)) return err.message;
  return fallback;
}

/**
 * Puts field-level messages from `error.details` on the form when the server names fields.
 * Accepted shapes: `{ fields: { name: 'msg' } }`, `[{ field|path|instancePath, message }]`
 * (Fastify/TypeBox validation). Returns true when at least one field was marked.
 */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!isApiError(err) || !err.details) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const found: { name: string; errors: string[] }[] = [];
  const add = (rawName: unknown, msg: unknown) => {
    if (typeof rawName !== 'string') return;
    const name = rawName.replace(/^\/|^body[./]/, '').split(/[./]/)[0];
    if (name && known.has(name)) found.push({ name, errors: [typeof msg === 'string' ? msg : err.message] });
  };
  const d = err.details as Record<string, unknown> | unknown[];
  if (Array.isArray(d)) {
    for (const item of d) {
      if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        add(o.field ?? o.path ?? o.instancePath, o.message);
      }
    }
  } else if (d && typeof d === 'object') {
    const fields = (d as Record<string, unknown>).fields;
    if (fields && typeof fields === 'object') {
      for (const [k, v] of Object.entries(fields as Record<string, unknown>)) add(k, v);
    }
    add((d as Record<string, unknown>).field, err.message);
  }
  if (found.length) form.setFields(found);
  return found.length > 0;
}

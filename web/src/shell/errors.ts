// Showing API errors the same way everywhere: a toast for most, a "reload?" dialog for a
// stale version (409 stale_version), nothing for 401 (the auth context already sends the user
// to the login page).
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { isAbort, isApiError, type ApiError } from './api';
import { useI18n } from './i18n';

/** 409s that mean "the row changed since you read it" (as opposed to e.g. a name already taken). */
const STALE_CODES = new Set(['stale_version', 'concurrent_update']);

export function isStale(err: unknown): err is ApiError {
  return isApiError(err) && err.status === 409 && STALE_CODES.has(err.code);
}

export interface ReportOptions {
  /** Offered as "reload" when the record is stale (409 stale_version: someone else changed it). */
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
        if (isStale(err) && opts.onReload) {
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
 * Shows a refusal next to the field it is about, when the server names one: through the error
 * code (`codeFields`, e.g. { username_taken: 'username' }) or through validation details
 * (`{ fields: [{ field, problem }] }`). Only a refusal about exactly one field of this form is
 * placed on the field; anything else returns false so the caller shows it above the form.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, codeFields: Record<string, string> = {}): boolean {
  if (!isApiError(err)) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const named = new Set<string>();
  if (codeFields[err.code]) named.add(codeFields[err.code]);
  const fields = (err.details as { fields?: unknown } | null | undefined)?.fields;
  if (Array.isArray(fields)) {
    for (const f of fields) {
      const raw = (f as { field?: unknown } | null)?.field;
      if (typeof raw === 'string' && raw) named.add(raw.split('.')[0]);
    }
  }
  if (named.size !== 1) return false;
  const [name] = [...named];
  if (!known.has(name)) return false;
  form.setFields([{ name, errors: [err.message] }]);
  return true;
}

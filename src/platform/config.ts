import { ROLES, type Role } from './contract.js';

/** Every setting Qinqing reads from the environment, in one place (the README's configuration table mirrors this). */
export interface Config {
  port: number;
  host: string;
  /** Where the public reaches this server (no trailing slash): links it hands out, such as Open311 discovery, never the request's Host header. */
  publicUrl: string;
  /** PostgreSQL server URL; when empty the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  /** A hot standby of DATABASE_URL that dashboards, figure tables and public lists read from. */
  databaseReadUrl: string | null;
  dataDir: string;
  /** Demo mode: a new database is filled with demo data and demo log-ins. */
  demo: boolean;
  /** Cases of generated history a new demo database gets on first start (0: none), over `demoHistoryMonths` months. */
  demoHistoryCases: number;
  demoHistoryMonths: number;
  logLevel: string;
  /** Secure flag on the session cookie; on when served behind HTTPS. */
  cookieSecure: boolean;
  sessionHours: number;
  /** Failed log-ins in a row from one client that lock that client out of the username. */
  loginMaxFailures: number;
  /** Failed log-ins in a row from all clients together that lock the account for everyone (the administrators are told). */
  loginGlobalMaxFailures: number;
  loginLockMinutes: number;
  /** The shortest password accepted (等保 2.0 level 3 asks for length and complexity). */
  passwordMinLength: number;
  bodyLimitBytes: number;
  /** Requests per minute per client of the public write budget and of log-ins; the public read budget is ten times it (http/rate-limit.ts). */
  publicRateLimit: number;
  webDist: string;
  /** Believe X-Forwarded-For (client addresses for rate limits) only behind a known reverse proxy. */
  trustProxy: boolean;
  /** How often background jobs (the deadline sweep) run, in seconds; 0 turns them off. */
  sweepIntervalSeconds: number;
  /** The day of the month of the enterprise service day (企业服务日); a holiday moves it to the next working day. */
  serviceDayOfMonth: number;
  /** Official visits to enterprises (入企, src/visits/): the rules in force. */
  visits: {
    /** The service week: the last N working days of each month. */
    serviceWeekDays: number;
    /** One department visits one enterprise at most this often a year, listed exceptions apart. */
    yearlyLimit: number;
    /** Roles that give the escalated approval from an office above the department (the party secretary, the mayor). */
    escalationRoles: Role[];
    /** Working days after the escalated approval to file the visit with the business-environment office. */
    filingWorkingDays: number;
    /** Days of the month closed to routine visits (企业安静期), or null. */
    quietDays: { from: number; to: number } | null;
    /** Ratings are shown to the department only aggregated over at least this many rated visits. */
    ratingMinVisits: number;
  };
}

/** A list of roles out of `allowed`, comma-separated; a bad value stops start-up naming the variable. */
export function envRoles(name: string, value: string | undefined, fallback: Role[], allowed: readonly Role[] = ROLES): Role[] {
  if (value === undefined || value.trim() === '') return fallback;
  const roles = value.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(allowed as readonly string[]).includes(r));
  if (unknown.length || roles.includes('')) throw new Error(`${name} must be roles from ${allowed.join(', ')}, comma-separated, got "${value}"`);
  return [...new Set(roles)] as Role[];
}

/** Days of the month as FROM-TO (`1-20`), or null when empty; a bad value stops start-up naming the variable. */
export function envDayRange(name: string, value: string | undefined): { from: number; to: number } | null {
  if (value === undefined || value.trim() === '') return null;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2]) : NaN;
  if (!m || from < 1 || to > 31 || from > to) throw new Error(`${name} must be days of the month as FROM-TO (e.g. 1-20), got "${value}"`);
  return { from, to };
}

/** An integer setting within bounds; a bad value stops start-up naming the variable. */
export function envInt(name: string, value: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

export function envBool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

/** An http(s) URL without query, fragment or trailing slash; a bad value stops start-up naming the variable. */
export function envUrl(name: string, value: string | undefined, fallback: string): string {
  if (value === undefined || value === '') return fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http or https URL, got "${value}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username) throw new Error(`${name} must be an http or https URL without query, fragment or credentials, got "${value}"`);
  return url.href.replace(/\/+$/, '');
}

function databaseReadUrl(env: NodeJS.ProcessEnv): string | null {
  if (!env.DATABASE_READ_URL) return null;
  if (!env.DATABASE_URL) throw new Error('DATABASE_READ_URL needs DATABASE_URL: it names a hot standby of that PostgreSQL server (the embedded database has none)');
  if (!/^postgres(ql)?:\/\//.test(env.DATABASE_READ_URL)) throw new Error(`DATABASE_READ_URL must be a postgres:// URL, got "${env.DATABASE_READ_URL}"`);
  return env.DATABASE_READ_URL;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = envInt('PORT', env.PORT, 8080, 0, 65535);
  return {
    port,
    publicUrl: envUrl('PUBLIC_URL', env.PUBLIC_URL, `http://localhost:${port}`),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || null,
    databaseReadUrl: databaseReadUrl(env),
    dataDir: env.DATA_DIR || './data',
    demo: envBool('DEMO', env.DEMO, true),
    demoHistoryCases: envInt('DEMO_HISTORY_CASES', env.DEMO_HISTORY_CASES, 200, 0, 10_000_000),
    demoHistoryMonths: envInt('DEMO_HISTORY_MONTHS', env.DEMO_HISTORY_MONTHS, 3, 1, 120),
    logLevel: env.LOG_LEVEL || 'info',
    cookieSecure: envBool('COOKIE_SECURE', env.COOKIE_SECURE, false),
    sessionHours: envInt('SESSION_HOURS', env.SESSION_HOURS, 12),
    loginMaxFailures: envInt('LOGIN_MAX_FAILURES', env.LOGIN_MAX_FAILURES, 5, 1),
    loginGlobalMaxFailures: envInt('LOGIN_GLOBAL_MAX_FAILURES', env.LOGIN_GLOBAL_MAX_FAILURES, 50, 1),
    loginLockMinutes: envInt('LOGIN_LOCK_MINUTES', env.LOGIN_LOCK_MINUTES, 15),
    passwordMinLength: envInt('PASSWORD_MIN_LENGTH', env.PASSWORD_MIN_LENGTH, 10, 8, 64),
    bodyLimitBytes: envInt('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024),
    publicRateLimit: envInt('PUBLIC_RATE_LIMIT', env.PUBLIC_RATE_LIMIT, 60),
    webDist: env.WEB_DIST || 'web/dist',
    trustProxy: envBool('TRUST_PROXY', env.TRUST_PROXY, false),
    sweepIntervalSeconds: envInt('SWEEP_INTERVAL_SECONDS', env.SWEEP_INTERVAL_SECONDS, 60),
    serviceDayOfMonth: envInt('SERVICE_DAY_OF_MONTH', env.SERVICE_DAY_OF_MONTH, 15, 1, 31),
    visits: {
      serviceWeekDays: envInt('VISIT_SERVICE_WEEK_DAYS', env.VISIT_SERVICE_WEEK_DAYS, 5, 1, 23),
      yearlyLimit: envInt('VISIT_YEARLY_LIMIT', env.VISIT_YEARLY_LIMIT, 2, 1, 365),
      // Staff roles only: an escalation approver reads the visits of the departments below them as staff do.
      escalationRoles: envRoles('VISIT_ESCALATION_ROLES', env.VISIT_ESCALATION_ROLES, ['leader'], ['handler', 'supervisor', 'leader']),
      filingWorkingDays: envInt('VISIT_FILING_WORKING_DAYS', env.VISIT_FILING_WORKING_DAYS, 2, 0, 60),
      quietDays: envDayRange('VISIT_QUIET_DAYS', env.VISIT_QUIET_DAYS),
      ratingMinVisits: envInt('VISIT_RATING_MIN_VISITS', env.VISIT_RATING_MIN_VISITS, 3, 1, 1000),
    },
  };
}

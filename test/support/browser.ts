import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { buildServer } from '../../src/app.js';
import { operatorActor } from '../../src/platform/actor.js';
import { loadDemoOrganisation, type DemoOrganisation } from '../../src/demo/organisation.js';
import { loadDemoCatalogue } from '../../src/demo/appeals.js';
import { loadDemoKnowledge } from '../../src/knowledge/index.js';
import type { Database } from '../../src/platform/db/engine.js';
import { preparedDatabase } from './engines.js';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);
const WEB_DIST = join(ROOT, 'web/dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when it is missing or older than its sources, as `npm start` would. */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  // The web app also bundles the modules' shared contracts from src/ (src/<module>/contract.ts).
  const contracts = readdirSync(join(ROOT, 'src')).map((m) => join(ROOT, 'src', m, 'contract.ts')).filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs);
  const buildFiles = ['web/index.html', 'web/vite.config.ts', 'web/precompress.ts'].map((f) => statSync(join(ROOT, f)).mtimeMs);
  const sources = Math.max(newestMtime(join(ROOT, 'web/src')), ...buildFiles, ...contracts);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would bundle React's development build into the web/dist
  // that `npm start` then serves: build as production, as `npm run build:web` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export interface BrowserFixture {
  url: string;
  app: FastifyInstance;
  database: Database;
  demo: DemoOrganisation;
  /** Demo case categories by code (e.g. 'market.food'). */
  categories: Record<string, number>;
  /** Demo knowledge-base articles by key (e.g. 'pension-payment'). */
  knowledge: Record<string, number>;
  context: BrowserContext;
  /** The current test's tab (see `fresh`). */
  readonly page: Page;
  /**
   * Before each test: signed out, on a new tab. A test that ran out of time is abandoned by vitest
   * but its body goes on; on a tab of its own, closed here, it can no longer click through the
   * next test's pages (its next step fails at once instead).
   */
  fresh(): Promise<void>;
  /** Logs in through the log-in page and waits for the home page. */
  login(username: string, password?: string): Promise<void>;
  logout(): Promise<void>;
  close(): Promise<void>;
}

/** The real server on a loopback port (PGlite, demo organisation) and Debian's Chromium driven by playwright-core. */
export async function startBrowserFixture(): Promise<BrowserFixture> {
  await ensureWebBuilt();
  const database = await preparedDatabase('pglite');
  const demo = await loadDemoOrganisation(database.db, operatorActor());
  const categories = await loadDemoCatalogue(database.db, operatorActor(), demo);
  const knowledge = await loadDemoKnowledge(database.db, operatorActor(), demo.offices);
  const app = await buildServer({ database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0', PUBLIC_RATE_LIMIT: '1000' }), webDist: WEB_DIST }, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'qinqing-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    locale: 'zh-CN',
    viewport: { width: 1400, height: 900 },
  });
  const open = async () => {
    const tab = await context.newPage();
    tab.setDefaultTimeout(15_000);
    return tab;
  };
  let page = await open();
  for (const other of context.pages()) if (other !== page) await other.close();
  return {
    url, app, database, demo, categories, knowledge, context,
    get page() {
      return page;
    },
    async fresh() {
      const old = page;
      page = await open();
      await old.close();
      await context.clearCookies();
    },
    async login(username, password = 'demo-2026') {
      await page.goto(`${url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('side-menu').waitFor();
    },
    async logout() {
      await page.context().clearCookies();
    },
    async close() {
      await context.close();
      await app.close();
      await database.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Takes a work item's action through its dialog (`action-<name>`, then `action-submit`): done once
 * the server took it and the dialog closed; a refusal stays in the dialog and is what the failure says.
 */
export async function actInDialog(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await fill?.();
  await page.getByTestId('action-submit').click();
  const error = page.getByTestId('action-error');
  await expect.poll(async () => ((await error.count()) ? `${action}: ${await error.textContent()}` : (await page.locator('.ant-modal-wrap .ant-modal').count()) ? 'open' : 'closed'),
    { timeout: 30_000 }).toBe('closed');
}

/**
 * The first load of the web app in real Chromium, on a cold cache: the log-in page, the public
 * appeal page and the agent's intake page (logged in as `agent`), each from this tree's build
 * and, in the same run, from the build before route splitting and precompression (the baseline:
 * FIRST_LOAD_BASE, a commit whose web/ is built with its own config). Both builds are served by
 * this tree's server on one demo database; the baseline has no .br/.gz files, so it is sent
 * uncompressed as it was. For each page: bytes transferred (headers and bodies, as Chromium
 * counts them), requests, and the time from navigation to the page's first field visible.
 * FIRST_LOAD_RUNS (5) loads per page and build, alternating builds; each in a new browser
 * context (an empty cache). Targets: under 300 KB for the public pages, 1.5 s to content.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { openDatabase, type Database } from '../src/platform/db/engine.js';
import { buildServer, prepareDatabase } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { operatorActor } from '../src/platform/actor.js';
import { DEMO_PASSWORD, loadDemoOrganisation } from '../src/demo/organisation.js';
import { loadDemoCatalogue } from '../src/demo/appeals.js';
import { percentile } from './stats.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The last commit before the first-load work: one antd chunk, nothing compressed. */
const BASE = process.env.FIRST_LOAD_BASE ?? '911d525';
const RUNS = Number(process.env.FIRST_LOAD_RUNS ?? 5);
const PUBLIC_TARGET_BYTES = 300 * 1000;
const CONTENT_TARGET_MS = 1500;

interface Page {
  name: string;
  path: string;
  /** The element whose appearance is "content". */
  testId: string;
  login?: string;
  public: boolean;
}

const PAGES: Page[] = [
  { name: 'log-in page', path: '/login', testId: 'login-username', public: true },
  { name: 'public appeal', path: '/public/appeal', testId: 'public-appeal-title', public: true },
  { name: "agent's intake", path: '/cases/intake', testId: 'intake-requester-phone', login: 'agent', public: false },
];

interface Load { bytes: number; requests: number; scriptBytes: number; ms: number }

/** Builds web/ of `tree` with its own Vite config into `outDir` as `npm run build:web` does. */
function buildWeb(tree: string, outDir: string): number {
  const t0 = performance.now();
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(tree, 'web/vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: tree, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`vite build of ${tree} failed`);
  return performance.now() - t0;
}

/** One cold load of `page` from `url` in a new context: what Chromium fetched, and when the page's field showed. */
async function load(browser: Browser, url: string, page: Page): Promise<Load> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: page.public ? { width: 390, height: 844 } : { width: 1400, height: 900 } });
  try {
    if (page.login) {
      const res = await context.request.post(`${url}/api/auth/login`, { data: { username: page.login, password: DEMO_PASSWORD } });
      if (!res.ok()) throw new Error(`log-in ${page.login}: ${res.status()}`);
    }
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    const types = new Map<string, string>();
    let bytes = 0;
    let requests = 0;
    let scriptBytes = 0;
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      requests += 1;
      if (types.get(e.requestId) === 'Script') scriptBytes += e.encodedDataLength;
    });
    const t0 = performance.now();
    await tab.goto(`${url}${page.path}`);
    await tab.getByTestId(page.testId).waitFor({ state: 'visible', timeout: 60_000 });
    const ms = performance.now() - t0;
    // Whatever the page goes on to fetch on its own (its API reads) belongs to its first load.
    await tab.waitForLoadState('networkidle');
    return { bytes, requests, scriptBytes, ms };
  } finally {
    await context.close();
  }
}

const kb = (n: number) => (n / 1000).toFixed(1);

export async function run() {
  const work = mkdtempSync(join(tmpdir(), 'qinqing-first-load-'));
  let database: Database | undefined;
  const servers: FastifyInstance[] = [];
  let browser: Browser | undefined;
  try {
    // The baseline's sources as they were, with this tree's installed packages.
    const baseTree = join(work, 'base');
    mkdirSync(baseTree);
    const archive = execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', BASE, 'web', 'src', 'package.json'], { maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', baseTree], { input: archive });
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(baseTree, 'node_modules'));
    const builds = [
      { name: `before (${BASE})`, dist: join(work, 'dist-base'), tree: baseTree },
      { name: 'this tree', dist: join(work, 'dist-now'), tree: ROOT },
    ];
    for (const b of builds) console.log(`built ${b.name} in ${(buildWeb(b.tree, b.dist) / 1000).toFixed(1)} s`);

    database = await openDatabase({});
    await prepareDatabase(database);
    const demo = await loadDemoOrganisation(database.db, operatorActor());
    await loadDemoCatalogue(database.db, operatorActor(), demo);
    const urls: string[] = [];
    for (const b of builds) {
      const app = await buildServer({ database, config: { ...loadConfig({ SWEEP_INTERVAL_SECONDS: '0', LOG_LEVEL: 'silent', PUBLIC_RATE_LIMIT: '100000' }), webDist: b.dist }, logger: false });
      servers.push(app);
      // Port 0: the system picks a free port, so the run never meets another server on this machine.
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      urls.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const results = new Map<string, Load[]>();
    for (const page of PAGES) {
      // One load of each first, unmeasured: the server's and Chromium's own first-time costs.
      for (const url of urls) await load(browser, url, page);
      for (let i = 0; i < RUNS; i++) {
        for (const [b, url] of urls.entries()) {
          const key = `${page.name}|${b}`;
          results.set(key, [...(results.get(key) ?? []), await load(browser, url, page)]);
        }
      }
      process.stderr.write(`measured: ${page.name}\n`);
    }

    console.log(`\n${RUNS} cold loads per page and build, alternating; Chromium ${browser.version()}, loopback, no throttling`);
    console.log('| page | build | requests | transferred KB | of it scripts KB | time to content p50 ms | min–max ms |\n|---|---|---:|---:|---:|---:|---:|');
    for (const page of PAGES) {
      for (const [b, build] of builds.entries()) {
        const loads = results.get(`${page.name}|${b}`)!;
        const ms = loads.map((l) => l.ms).sort((x, y) => x - y);
        const median = (f: (l: Load) => number) => percentile(loads.map(f).sort((x, y) => x - y), 50);
        const bytes = median((l) => l.bytes);
        const overBytes = page.public && bytes > PUBLIC_TARGET_BYTES ? ' ✗' : '';
        const overMs = percentile(ms, 50) > CONTENT_TARGET_MS ? ' ✗' : '';
        console.log(`| ${page.name} | ${build.name} | ${median((l) => l.requests)} | ${kb(bytes)}${overBytes} | ${kb(median((l) => l.scriptBytes))} | ${percentile(ms, 50).toFixed(0)}${overMs} | ${ms[0].toFixed(0)}–${ms[ms.length - 1].toFixed(0)} |`);
      }
    }
  } finally {
    await browser?.close();
    for (const app of servers) await app.close();
    await database?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

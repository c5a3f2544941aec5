import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserFixture, type BrowserFixture } from '../support/browser.js';
import { NotificationDispatcher } from '../../src/notifications/dispatcher.js';
import { inAppSender } from '../../src/notifications/senders/inApp.js';
import { queryRows, sql } from '../../src/platform/db/engine.js';

/** The home page's worklists, the notification bell and its page, and what each role's menu offers. */
describe('worklists and notifications in Chromium', () => {
  let f: BrowserFixture;
  const cookies: Record<string, string> = {};
  const api = async (role: string, method: string, url: string, body?: unknown) => {
    const res = await f.app.inject({ method: method as never, url, headers: { cookie: cookies[role], ...(body ? { 'content-type': 'application/json' } : {}) }, payload: body ? JSON.stringify(body) : undefined });
    expect(res.statusCode, `${role} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const complaint = (title: string) => ({
    channel: 'hotline', type: 'complaint', title, content: `${title}，请尽快处理。`, address: '驻马店市驿城区人民街道', regionCode: '411702',
    requester: { kind: 'person', name: '王女士', phone: '13900001111' },
  });
  let dispatchedId = 0;
  let closedId = 0;
  /** Takes the action with the version the role reads now. */
  const act = async (role: string, id: number, action: string, body: Record<string, unknown> = {}) => {
    const { version } = await api(role, 'GET', `/api/cases/${id}`);
    return api(role, 'POST', `/api/cases/${id}/${action}`, { version, ...body });
  };

  beforeAll(async () => {
    f = await startBrowserFixture();
    for (const role of ['agent', 'dispatcher', 'handler', 'enterprise']) {
      const res = await f.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: role, password: 'demo-2026' }) });
      cookies[role] = `qq_session=${res.cookies.find((c) => c.name === 'qq_session')!.value}`;
    }
    for (const title of ['路灯不亮', '井盖缺失', '占道经营']) await api('agent', 'POST', '/api/cases', complaint(title));
    const c = await api('agent', 'POST', '/api/cases', complaint('超市卖过期面包'));
    dispatchedId = c.id;
    const seen = await api('dispatcher', 'GET', `/api/cases/${c.id}`);
    await api('dispatcher', 'POST', `/api/cases/${c.id}/dispatch`, { version: seen.version, leadOfficeId: f.demo.offices['zmd-dept-0'] });
    await new NotificationDispatcher(f.database.db, { senders: [inAppSender(f.database.db)] }).runOnce();

    closedId = (await api('agent', 'POST', '/api/cases', { ...complaint('小区垃圾清运不及时'), content: '驿城区人民街道某小区的垃圾已经三天没有清运，气味很大，请尽快安排清运。'.repeat(3) })).id;
    await act('dispatcher', closedId, 'dispatch', { leadOfficeId: f.demo.offices['zmd-dept-0'] });
    await act('handler', closedId, 'sign');
    await act('handler', closedId, 'reply', { reply: '已联系物业与环卫部门，当天完成清运，并约定每日定时清运。' });
    await act('dispatcher', closedId, 'review', { decision: 'accept' });
    await act('agent', closedId, 'return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' });
    await act('agent', closedId, 'close');
  }, 300_000);
  afterAll(() => f?.close());
  beforeEach(() => f.fresh());

  /** The count a worklist entry shows, once loaded. */
  const countOf = async (key: string) => {
    const tile = f.page.locator(`[data-testid="worklist-${key}"]:not([data-count=""])`);
    await tile.waitFor();
    return Number(await tile.getAttribute('data-count'));
  };
  /** Opens a worklist entry and reads the list's total under its table. */
  const openAndReadTotal = async (key: string) => {
    await f.page.getByTestId(`worklist-${key}`).click();
    await f.page.getByTestId('cases-table').waitFor();
    const total = f.page.locator('.ant-pagination-total-text');
    await total.waitFor();
    return (await total.textContent())!;
  };

  it('shows the dispatcher the cases to dispatch, and the count is the total of the list it opens', async () => {
    await f.login('dispatcher');
    const toDispatch = await countOf('cases-toDispatch');
    const { total } = await api('dispatcher', 'GET', '/api/cases?status=accepted&pageSize=1');
    expect(toDispatch).toBe(total);
    expect(toDispatch).toBeGreaterThanOrEqual(3);
    expect(await openAndReadTotal('cases-toDispatch')).toBe(`共 ${toDispatch} 件`);
    expect(new URL(f.page.url()).search).toBe('?status=accepted');
    await f.page.goto(`${f.url}/`);
    expect(await countOf('cases-extensions')).toBe(0);
    expect(await f.page.getByTestId('worklist-cases-toSign').count()).toBe(0);
  });

  it('shows the handler the case to sign, tells them through the bell, and the notice opens the case', async () => {
    const { page } = f;
    await f.login('handler');
    const toSign = await countOf('cases-toSign');
    expect(toSign).toBe((await api('handler', 'GET', '/api/cases?status=dispatched&pageSize=1')).total);
    expect(toSign).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('worklist-cases-toDispatch').count()).toBe(0);

    const inbox = await api('handler', 'GET', '/api/notifications?unread=true&pageSize=100');
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    const bell = page.locator(`[data-testid="notification-bell"][data-unread="${inbox.unread}"]`);
    await bell.waitFor();
    await bell.click();
    await page.getByTestId('notifications-list').waitFor();
    const notice = inbox.items.find((n: { subject: { type: string; id: number } | null }) => n.subject?.type === 'case' && n.subject.id === dispatchedId);
    expect(notice).toBeTruthy();
    expect(await page.getByTestId(`notification-${notice.id}`).getAttribute('data-read')).toBe('false');
    await page.getByTestId(`notification-open-${notice.id}`).click();
    await page.waitForURL(`**/cases/${dispatchedId}`);
    await page.locator(`[data-testid="notification-bell"][data-unread="${inbox.unread - 1}"]`).waitFor();
    expect((await api('handler', 'GET', '/api/notifications?unread=true')).unread).toBe(inbox.unread - 1);

    await page.getByTestId('notification-bell').click();
    await page.locator(`[data-testid="notification-${notice.id}"][data-read="true"]`).waitFor();
    await page.getByTestId('notifications-unread-only').click();
    await page.locator(`[data-testid="notification-${notice.id}"]`).waitFor({ state: 'detached' });
    if (inbox.unread > 1) {
      await page.getByTestId('notifications-read-all').click();
      await page.locator('[data-testid="notification-bell"][data-unread="0"]').waitFor();
    }
    expect((await api('handler', 'GET', '/api/notifications?unread=true')).unread).toBe(0);
  });

  it('offers an enterprise user no working calendar and no staff worklist', async () => {
    const { page } = f;
    await f.login('enterprise');
    await page.getByTestId('home-welcome').waitFor();
    await page.getByTestId('notification-bell').waitFor();
    expect(await page.getByTestId('menu-calendar').count()).toBe(0);
    expect(await page.getByTestId('home-worklist').count()).toBe(0);
    await page.goto(`${f.url}/admin/calendar`);
    await page.getByTestId('forbidden').waitFor();
  });

  it('lets the system administrator read the dashboard but no case, as the README says', async () => {
    const { page } = f;
    await f.login('admin');
    await page.getByTestId('menu-calendar').waitFor();
    expect(await page.getByTestId('menu-cases').count()).toBe(0);
    expect(await page.getByTestId('home-worklist').count()).toBe(0);
    await page.getByTestId('menu-eval-dashboard').click();
    await page.getByTestId('eval-headlines').waitFor();
    await page.goto(`${f.url}/cases`);
    await page.getByTestId('forbidden').waitFor();
    await page.goto(`${f.url}/cases/${dispatchedId}`);
    await page.getByTestId('forbidden').waitFor();
  });

  it('shows a closed case\'s reply time against its limit, names every office on the timeline, and lays the handling table out at 1280 and 1920 px', async () => {
    const { page } = f;
    await f.login('handler');
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${f.url}/cases/${closedId}`);
      const deadline = page.getByTestId('case-deadline');
      await deadline.waitFor();
      expect(await deadline.getAttribute('data-state')).toBe('in_time');
      expect(await deadline.textContent()).toMatch(/^答复用时 .+（时限 .+，按时）$/);
      // Every label and every date of the tables sits on one line.
      // Line boxes of each label's and each date's text (a range's client rectangles, one per line).
      const lines = await page.locator('.ant-descriptions-item-label, .ant-descriptions-item-content span[style*="nowrap"]').evaluateAll((els) =>
        els.map((el) => {
          const range = el.ownerDocument.createRange();
          range.selectNodeContents(el);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return { text: el.textContent, lines: tops.size };
        }));
      expect(lines.length).toBeGreaterThan(20);
      for (const l of lines) expect(l.lines, `${width}px: ${l.text}`).toBe(1);
      const labels = await page.locator('.ant-descriptions-item-label').evaluateAll((els) => els.map((el) => el.ownerDocument.defaultView!.getComputedStyle(el).whiteSpace));
      expect(new Set(labels)).toEqual(new Set(['nowrap']));
    }
    const timeline = (await page.getByTestId('case-timeline').textContent())!;
    expect(timeline).toContain('驻马店市12345政务服务便民热线中心');
    expect(timeline).not.toMatch(/#\d/);
  });

  it('prints the work order on A4: the case, the timeline and the reply, without menu or buttons', async () => {
    const { page } = f;
    await f.login('dispatcher');
    await page.goto(`${f.url}/cases/${closedId}`);
    await page.getByTestId('case-print').waitFor();
    await page.getByTestId('case-timeline').waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('case-print-title').isVisible()).toBe(true);
    expect(await page.getByTestId('case-print-title').textContent()).toContain('工单');
    for (const hidden of ['side-menu', 'case-actions', 'case-print', 'notification-bell']) expect(await page.getByTestId(hidden).isVisible(), hidden).toBe(false);
    expect(await page.getByTestId('case-reply').isVisible()).toBe(true);
    expect(await page.getByTestId('case-timeline').isVisible()).toBe(true);
    // Stacked in one column that fits the A4 width (210 mm − 2 × 12 mm at 96 dpi ≈ 703 px).
    await page.setViewportSize({ width: 703, height: 1000 });
    // antd's responsive layouts follow the new width a render later.
    await expect.poll(() => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows an enterprise requester its reply only once reviewed, and no internal mark', async () => {
    const { page } = f;
    const own = await api('enterprise', 'POST', '/api/cases', { channel: 'enterprise_portal', type: 'help', title: '厂区门前道路破损', content: '厂区门前道路破损，货车通行困难。', requester: { kind: 'enterprise', name: '驻马店示范企业' } });
    await act('dispatcher', own.id, 'dispatch', { leadOfficeId: f.demo.offices['zmd-dept-0'] });
    await act('handler', own.id, 'sign');
    await act('handler', own.id, 'reply', { reply: 'REPLY-道路已修复' });
    await queryRows(f.database.db, sql`update cases set was_overdue = true where id = ${own.id}`);
    await f.login('enterprise');
    await page.goto(`${f.url}/cases/${own.id}`);
    await page.getByTestId('case-reply').waitFor();
    expect(await page.getByTestId('case-reply').textContent()).toBe('—');
    expect(await page.getByTestId('case-page').textContent()).not.toContain('曾超期');
    await act('dispatcher', own.id, 'review', { decision: 'accept' });
    await page.getByTestId('case-reload').click();
    await page.getByTestId('case-reply').filter({ hasText: 'REPLY-道路已修复' }).waitFor();
    expect(await page.getByTestId('case-deadline').getAttribute('data-state')).toBe('none');
  });
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { operatorActor } from '../platform/actor.js';
import { createUser } from '../people/commands/createUser.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe.each(ENGINES)('the working-day calendar API on %s', (engine) => {
  let t: TestApp;
  let admin: string;
  let handler: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await t.login('admin');
    handler = await t.login('handler');
  });
  afterAll(() => t.close());

  const get = async (url: string, cookie = handler) => {
    const res = await t.request('GET', url, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('answers from the official 2026 arrangement for any logged-in role', async () => {
    expect(await get('/api/calendar/is-working-day?date=2026-10-08')).toMatchObject({ workingDay: true, kind: 'workday', fallback: false });
    expect(await get('/api/calendar/is-working-day?date=2026-10-01')).toMatchObject({ workingDay: false, kind: 'holiday', name: '国庆节' });
    expect(await get('/api/calendar/is-working-day?date=2026-10-10')).toMatchObject({ workingDay: true, kind: 'makeup_workday' });
    expect(await get('/api/calendar/add-working-days?date=2026-09-30&days=5')).toEqual({ date: '2026-10-13', fallbackYears: [], fallback: false });
    expect(await get('/api/calendar/working-days-between?from=2026-09-30&to=2026-10-13')).toMatchObject({ days: 5 });
    const october = await get('/api/calendar/days?from=2026-10-01&to=2026-10-31');
    expect(october.items).toHaveLength(31);
    expect(october.items.filter((d: { workingDay: boolean }) => d.workingDay)).toHaveLength(18); // 8, 9, the make-up Saturday 10, then three full weeks
  });

  it('counts working hours inside office hours (09:00–12:00, 13:30–17:30 Beijing time)', async () => {
    // Thursday 2026-10-08 16:30 +08:00 plus 2 working hours: 1 h that day, 1 h next morning.
    expect(await get('/api/calendar/add-working-hours?from=2026-10-08T16:30:00%2B08:00&hours=2')).toMatchObject({ at: '2026-10-09T02:00:00.000Z' });
    // Started on the eve of National Day: the clock skips the whole holiday.
    expect(await get('/api/calendar/add-working-hours?from=2026-09-30T17:00:00%2B08:00&hours=1')).toMatchObject({ at: '2026-10-08T01:30:00.000Z' });
    expect(await get('/api/calendar/working-minutes-between?from=2026-10-08T08:00:00%2B08:00&to=2026-10-08T18:00:00%2B08:00')).toMatchObject({ minutes: 420 });
  });

  it('flags a year without an official arrangement in the API', async () => {
    const r = await get('/api/calendar/add-working-days?date=2099-12-28&days=5');
    expect(r).toMatchObject({ fallback: true, fallbackYears: expect.arrayContaining([2100]) });
    const years = (await get('/api/calendar/years')).items;
    expect(years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ source: 'chinese-days', holidays: expect.any(Number) });
    expect(years.find((y: { year: number }) => y.year === 2027)).toMatchObject({ source: 'none' });
  });

  it('imports a real holiday-cn file; only the system administrator may', async () => {
    const body = { fileName: 'holiday-cn-2020.json', content: fixture('holiday-cn-2020.json') };
    expect((await t.request('POST', '/api/calendar/import', { cookie: handler, body })).statusCode).toBe(403);
    await createUser(t.database.db, operatorActor(), { username: 'county.admin', password: 'Xiping-county-7', name: '县管理员', roles: ['admin'], officeId: t.demo.offices['county-411721'] });
    const countyAdmin = await t.login('county.admin', 'Xiping-county-7');
    expect((await t.request('POST', '/api/calendar/import', { cookie: countyAdmin, body })).statusCode).toBe(403);
    const res = await t.request('POST', '/api/calendar/import', { cookie: admin, body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'holiday-cn', years: expect.arrayContaining([2020]) });
    // The 2020 Spring Festival extension (延长假期) is in the file: Monday 27 January and Friday 31 January were off.
    expect(await get('/api/calendar/is-working-day?date=2020-01-31')).toMatchObject({ workingDay: false });
    expect((await get('/api/calendar/years')).items.find((y: { year: number }) => y.year === 2020)).toMatchObject({ source: 'imported' });
    const placeholder = await t.request('POST', '/api/calendar/import', { cookie: admin, body: { fileName: '2024.json', content: fixture('holiday-cn-2024-placeholder.json') } });
    expect(placeholder.statusCode).toBe(400);
    expect(placeholder.json().error.code).toBe('import_no_holidays');
  });

  it('applies a year entered by hand at once, and recomputes what depends on it', async () => {
    const before = await get('/api/calendar/add-working-days?date=2030-12-31&days=1');
    expect(before).toMatchObject({ date: '2031-01-01', fallback: true });
    const entered = await t.request('PUT', '/api/calendar/years/2031', { cookie: admin, body: { holidays: [{ date: '2031-01-01', name: '元旦' }], makeUpWorkdays: [] } });
    expect(entered.statusCode, entered.body).toBe(200);
    expect(await get('/api/calendar/add-working-days?date=2030-12-31&days=1')).toMatchObject({ date: '2031-01-02' });
    expect((await get('/api/calendar/years')).items.find((y: { year: number }) => y.year === 2031)).toMatchObject({ source: 'entered', holidays: 1 });
    const wrongYear = await t.request('PUT', '/api/calendar/years/2032', { cookie: admin, body: { holidays: [{ date: '2031-05-01', name: '劳动节' }], makeUpWorkdays: [] } });
    expect(wrongYear.statusCode).toBe(400);
  });

  it('changes office hours with the version read; a stale version is refused', async () => {
    const hours = await get('/api/calendar/office-hours');
    expect(hours).toMatchObject({ timeZoneOffsetMinutes: 480, periods: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }] });
    const changed = await t.request('PUT', '/api/calendar/office-hours', { cookie: admin, body: { version: hours.version, timeZoneOffsetMinutes: 480, periods: [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '18:00' }] } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await get('/api/calendar/add-working-hours?from=2026-10-08T08:30:00%2B08:00&hours=1')).toMatchObject({ at: '2026-10-08T01:30:00.000Z' });
    const stale = await t.request('PUT', '/api/calendar/office-hours', { cookie: admin, body: { version: hours.version, timeZoneOffsetMinutes: 480, periods: [{ start: '09:00', end: '17:00' }] } });
    expect(stale.statusCode).toBe(409);
    const overlapping = await t.request('PUT', '/api/calendar/office-hours', { cookie: admin, body: { version: hours.version + 1, timeZoneOffsetMinutes: 480, periods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } });
    expect(overlapping.statusCode).toBe(400);
    expect(overlapping.json().error.code).toBe('invalid_office_hours');
  });
});

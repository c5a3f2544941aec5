import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { operatorActor } from '../../platform/actor.js';
import { queryRows, sql } from '../../platform/db/engine.js';
import { verifyWorkItems } from '../../audit/verify.js';
import { loadDemoServiceItems } from '../demo.js';
import { loadDemoApplications } from './demo.js';
import { checkCertificate } from './certificates.js';

describe.each(ENGINES)('the demo applications on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
    await loadDemoServiceItems(t.database.db, operatorActor(), t.demo.offices);
    await loadDemoApplications(t.database.db, t.demo.offices);
  }, 120_000);
  afterAll(() => t.close());

  it('has certificates that check valid, reviews, a green-channel application, and a bad review that became a case of 市场监管', async () => {
    const db = t.database.db;
    const apps = await queryRows<{ id: number; status: string; code: string; grade: string | null; green: boolean; appeal: { caseId: number; status: string } | null }>(db, sql`
      select id::int, status, certificate_code as code, review_grade as grade, green_channel_at is not null as green, review_appeal as appeal from applications order by id`);
    expect(apps.map((a) => a.status)).toEqual(['delivered', 'delivered', 'delivered']);
    for (const a of apps) expect((await checkCertificate(db, a.code, 'http://localhost:8080')).status).toBe('valid');
    expect(apps.map((a) => a.grade)).toEqual(['very_satisfied', 'dissatisfied', null]);
    expect(apps.map((a) => a.green)).toEqual([false, true, false]);
    const [bad] = apps.filter((a) => a.grade === 'dissatisfied');
    expect(bad.appeal).toMatchObject({ status: 'dispatched' });
    const [c] = await queryRows<{ channel: string; leadOfficeId: number }>(db, sql`select channel, lead_office_id as "leadOfficeId" from cases where id = ${bad.appeal!.caseId}`);
    expect(c).toEqual({ channel: 'approval_review', leadOfficeId: t.demo.offices['county-410122-market'] });
    expect((await verifyWorkItems(db)).every((v) => v.ok)).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { readXml, records } from './xml.testing.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(ENGINES)('Open311 GeoReport v2 on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_URL: 'https://12345.zhumadian.example.gov.cn/' });
    for (const role of ['agent', 'dispatcher', 'handler']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  const post = async (fields: Record<string, string>, format = 'json') => {
    const res = await t.request('POST', `/open311/v2/requests.${format}`, { body: form(fields), headers: FORM });
    expect(res.statusCode, res.body).toBe(201);
    return res;
  };
  const postJson = async (fields: Record<string, string>) => (await post(fields)).json()[0] as { service_request_id: string; token: string; lookup_secret: string };
  const caseId = async (code: string) => (await t.request('GET', `/api/cases?q=${code}`, { cookie: as.dispatcher })).json().items[0].id as number;
  const act = async (role: string, id: number, action: string, body: Record<string, unknown>) => {
    const version = (await t.request('GET', `/api/cases/${id}`, { cookie: as[role] })).json().version;
    const res = await t.request('POST', `/api/cases/${id}/${action}`, { cookie: as[role], body: { version, ...body } });
    expect(res.statusCode, `${role} ${action}: ${res.body}`).toBe(200);
  };
  const get = (url: string) => t.request('GET', url);
  const pothole = { service_code: 'help', description: '人民路与中华路交叉口有一个大坑\n雨天积水，车辆经过很危险', address_string: '驿城区人民路与中华路交叉口', first_name: '先生', last_name: '陈', phone: '13812345678', email: 'chen@example.cn', api_key: 'anything' };

  it('lists the six appeal types as services, in JSON and in well-formed XML, without log-in', async () => {
    const json = await get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.headers['access-control-allow-origin']).toBe('*');
    const list = json.json();
    expect(list.map((s: { service_code: string }) => s.service_code)).toEqual(['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise']);
    expect(list[2]).toMatchObject({ service_name: '投诉', metadata: false, type: 'realtime', group: expect.stringContaining('问题反映'), keywords: expect.any(String) });

    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    const doc = readXml(xml.body);
    expect(doc.name).toBe('services');
    const services = records(doc);
    expect(services.map((s) => s.service_name)).toEqual(['咨询', '求助', '投诉', '举报', '建议', '表扬']);
    expect(services[0]).toMatchObject({ service_code: 'consultation', metadata: 'false', type: 'realtime' });

    expect((await get('/open311/v2/services/complaint.json')).json()).toEqual({ service_code: 'complaint', attributes: [] });
    expect(readXml((await get('/open311/v2/services/complaint.xml')).body)).toMatchObject({ name: 'service_definition', children: [{ name: 'service_code', text: 'complaint' }, { name: 'attributes' }] });
    const unknown = await get('/open311/v2/services/potholes.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringMatching(/potholes \/ .*potholes/) }]);
    const discovery = readXml((await get('/open311/v2/discovery.xml')).body);
    expect(discovery.children.find((c) => c.name === 'endpoints')!.children[0].children.map((c) => c.name)).toContain('formats');
    // The endpoint's address is the configured public URL, whatever Host the request names.
    const spoofed = await t.request('GET', '/open311/v2/discovery.json', { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
    expect(spoofed.json().endpoints.map((e: { url: string }) => e.url)).toEqual(['https://12345.zhumadian.example.gov.cn/open311/v2']);
    expect(spoofed.body).not.toContain('evil.example');
    // Not behind /api, and not under it either; documented with the rest of the API.
    expect((await get('/api/open311/v2/services.json')).statusCode).toBe(404);
    expect((await t.request('HEAD', '/open311/v2/services.xml')).statusCode).toBe(200);
    const openapi = (await get('/docs/json')).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/open311/v2/requests.{format}', '/open311/v2/requests/{service_request_id}.{format}', '/api/public/appeals/{code}']));
  });

  it('creates a public web case from a form POST, lists it as open with the rich status, then closed once staff close it', async () => {
    const res = await post(pothole);
    const [created] = res.json();
    expect(created).toMatchObject({ service_request_id: expect.stringMatching(/^\d{13,}$/), account_id: null, lookup_secret: expect.any(String) });
    expect(created.token).toBe(created.service_request_id);
    expect(created.service_notice).toContain('5 个工作日');
    const code = created.service_request_id;

    expect((await get(`/open311/v2/tokens/${code}.json`)).json()).toEqual([{ service_request_id: code, token: code }]);
    expect((await get('/open311/v2/tokens/2099010199999.json')).statusCode).toBe(404);

    const listed = await get('/open311/v2/requests.json');
    expect(listed.statusCode).toBe(200);
    const mine = listed.json().find((r: { service_request_id: string }) => r.service_request_id === code);
    expect(mine).toEqual({
      service_request_id: code, status: 'open', status_notes: '已受理 / accepted', service_name: '求助', service_code: 'help',
      description: '人民路与中华路交叉口有一个大坑', agency_responsible: '驻马店市12345政务服务便民热线中心', service_notice: expect.stringContaining('5 working days'),
      requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/), updated_datetime: expect.any(String), expected_datetime: null,
      address: '驿城区人民路与中华路交叉口', lat: null, long: null,
    });
    for (const leak of ['陈先生', '13812345678', 'chen@example.cn', '雨天积水']) expect(listed.body).not.toContain(leak);

    // Staff see who raised it (email is not kept) and handle it; the public list follows.
    const id = await caseId(code);
    const staff = (await t.request('GET', `/api/cases/${id}`, { cookie: as.agent })).json();
    expect(staff).toMatchObject({ channel: 'web', type: 'help', requester: { kind: 'person', name: '陈先生', phone: '13812345678' }, content: pothole.description });
    expect(JSON.stringify(staff)).not.toContain('chen@example.cn');
    await act('dispatcher', id, 'dispatch', { leadOfficeId: t.demo.offices['zmd-dept-0'] });
    let one = (await get(`/open311/v2/requests/${code}.json`)).json();
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ status: 'open', status_notes: '已派单待签收 / dispatched, awaiting signing', agency_responsible: '驻马店市市场监督管理局', expected_datetime: expect.stringMatching(/\+08:00$/) });
    // The public lookup works for a request made through Open311 too.
    expect((await get(`/api/public/appeals/${code}?secret=${encodeURIComponent(created.lookup_secret)}`)).json()).toMatchObject({ handlingOffice: '驻马店市市场监督管理局' });

    await act('handler', id, 'sign', {});
    await act('handler', id, 'reply', { reply: '已联系市政部门填平坑洼。' });
    expect((await get(`/open311/v2/requests/${code}.json`)).json()[0]).toMatchObject({ status: 'open', status_notes: '已答复待审核 / replied, awaiting review' });
    await act('dispatcher', id, 'review', { decision: 'accept' });
    await act('agent', id, 'return-visit', { contact: 'reached', resolved: true, satisfaction: 'satisfied' });
    await act('agent', id, 'close', {});
    one = (await get(`/open311/v2/requests/${code}.json`)).json();
    expect(one[0]).toMatchObject({ status: 'closed', status_notes: '已办结 / closed', agency_responsible: '驻马店市市场监督管理局' });
    const ids = async (query: string) => (await get(`/open311/v2/requests.json?${query}`)).json().map((r: { service_request_id: string }) => r.service_request_id);
    expect(await ids('status=closed')).toContain(code);
    expect(await ids('status=open')).not.toContain(code);
    expect(await ids('status=open,closed')).toContain(code);
    const closed = (await get('/open311/v2/requests.json?status=closed')).json();
    expect(closed.every((r: { status: string }) => r.status === 'closed')).toBe(true);
  });

  it('takes JSON bodies and lat/long too, and answers POST in XML', async () => {
    const res = await t.request('POST', '/open311/v2/requests.json', { body: { service_code: 'suggestion', description: 'Add a bus stop near the hospital', lat: 32.98, long: 114.02, jurisdiction_id: '411702' } });
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json()[0].service_request_id;
    expect((await get(`/open311/v2/requests/${code}.json`)).json()[0]).toMatchObject({ address: null, lat: 32.98, long: 114.02, service_code: 'suggestion', description: 'Add a bus stop near the hospital' });
    const xml = await post({ service_code: 'praise', description: '表扬市场监管局窗口服务热情', address_string: '市民服务中心' }, 'xml');
    const [request] = records(readXml(xml.body));
    expect(request).toMatchObject({ service_request_id: expect.stringMatching(/^\d+$/), account_id: '' });
    expect(request.token).toBe(request.service_request_id);
  });

  it('keeps reports and confidential cases out of the public list and lookup', async () => {
    const report = await postJson({ service_code: 'report', description: '举报某小区旁饭店无证经营', address_string: '驿城区某街5号' });
    const confidential = (await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'complaint', title: '保密投诉标题', content: '内容', confidential: true, requester: { kind: 'person', name: '王某' } } })).json();
    const list = await get('/open311/v2/requests.json?page_size=100');
    const ids = list.json().map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).not.toContain(report.service_request_id);
    expect(ids).not.toContain(confidential.code);
    expect(list.body).not.toContain('无证经营');
    expect(list.body).not.toContain('保密投诉标题');
    for (const code of [report.service_request_id, confidential.code]) {
      expect((await get(`/open311/v2/requests/${code}.json`)).statusCode).toBe(404);
      expect((await get(`/open311/v2/requests.json?service_request_id=${code}`)).json()).toEqual([]);
      // The token lookup confirms no more than the request lookup does.
      const token = await get(`/open311/v2/tokens/${code}.json`);
      expect(token.statusCode).toBe(404);
      expect(token.json()[0].code).toBe((await get('/open311/v2/tokens/2099010199999.json')).json()[0].code);
    }
    // Whoever reported still follows it with the secret.
    expect((await get(`/api/public/appeals/${report.service_request_id}?secret=${encodeURIComponent(report.lookup_secret)}`)).json()).toMatchObject({ type: 'report', status: 'accepted' });
  });

  it('filters by id, service code, status and dates, and pages with page and page_size', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await postJson({ service_code: 'consultation', description: `分页测试 ${i}`, address_string: '驿城区' })).service_request_id);
    const byIds = (await get(`/open311/v2/requests.json?service_request_id=${made[0]},${made[3]}&service_code=praise&status=closed`)).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([made[0], made[3]].sort());
    const consultations = await get('/open311/v2/requests.json?service_code=consultation');
    expect(consultations.json().every((r: { service_code: string }) => r.service_code === 'consultation')).toBe(true);
    const total = Number(consultations.headers['x-total-count']);
    expect(total).toBeGreaterThanOrEqual(5);

    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push((await get(`/open311/v2/requests.json?service_code=consultation&page_size=2&page=${page}`)).json());
    expect(pages[0]).toHaveLength(2);
    const seen = pages.flat().map((r: { service_request_id: string }) => r.service_request_id);
    expect(new Set(seen).size).toBe(seen.length);
    // Newest first: the last made comes first.
    expect(pages[0][0].service_request_id).toBe(made[4]);
    const all = (await get('/open311/v2/requests.json')).json();
    expect(all.length).toBeLessThanOrEqual(50);

    const nowBeijing = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await get(`/open311/v2/requests.json?start_date=${nowBeijing}&end_date=${nowBeijing}&service_code=consultation`)).json().length).toBeGreaterThanOrEqual(5);
    expect((await get('/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).json()).toEqual([]);
    expect((await get(`/open311/v2/requests.json?start_date=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).json()).toEqual([]);
    const region = (await get('/open311/v2/requests.json?jurisdiction_id=410100')).json();
    expect(region.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(made[0]);
    expect((await get('/open311/v2/requests.json?jurisdiction_id=411700')).json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(made[0]);
  });

  it('escapes what citizens type when writing XML', async () => {
    const tricky = `<b>路灯</b> & "引号" 'apos' ]]> \u0001控制字符 😀`;
    const { service_request_id: code } = await postJson({ service_code: 'complaint', description: tricky, address_string: 'A&B <路> "3号"' });
    const xml = await get(`/open311/v2/requests.xml?service_request_id=${code}`);
    expect(xml.statusCode).toBe(200);
    expect(xml.body).not.toContain('<b>');
    const [r] = records(readXml(xml.body));
    expect(r.description).toBe(tricky.replace('\u0001', ''));
    expect(r.address).toBe('A&B <路> "3号"');
    expect(r.status_notes).toBe('已受理 / accepted');
    // JSON can carry the control character; only XML cannot.
    expect((await get(`/open311/v2/requests/${code}.json`)).json()[0].description).toBe(tricky);
  });

  it('answers bad input with 400 (and unknown things with 404) in Open311\'s error shape, JSON or XML', async () => {
    const cases: [string, string, Record<string, string> | undefined, number][] = [
      ['POST', '/open311/v2/requests.json', { description: 'x', address_string: 'y' }, 400],
      ['POST', '/open311/v2/requests.json', { service_code: 'potholes', description: 'x', address_string: 'y' }, 400],
      ['POST', '/open311/v2/requests.json', { service_code: 'help', description: 'x' }, 400],
      ['POST', '/open311/v2/requests.json', { service_code: 'help', description: 'x', lat: '200', long: '0' }, 400],
      ['POST', '/open311/v2/requests.json', { service_code: 'help', description: 'x', address_string: 'y', first_name: '某', phone: 'not a phone' }, 400],
      ['POST', '/open311/v2/requests.json', { service_code: 'help', description: 'x', address_string: 'y', jurisdiction_id: '999999' }, 404],
      ['GET', '/open311/v2/requests.json?status=pending', undefined, 400],
      ['GET', '/open311/v2/requests.json?start_date=yesterday', undefined, 400],
      ['GET', '/open311/v2/requests.json?page_size=101', undefined, 400],
      ['GET', '/open311/v2/requests.json?start_date=2026-01-01&end_date=2026-12-31', undefined, 400],
      ['GET', '/open311/v2/requests.csv', undefined, 400],
      ['GET', '/open311/v2/requests/2099010199999.json', undefined, 404],
      ['GET', '/open311/v2/nothing-here', undefined, 404],
    ];
    for (const [method, url, fields, status] of cases) {
      const res = await t.request(method, url, fields ? { body: form(fields), headers: FORM } : {});
      expect(res.statusCode, `${method} ${url} ${res.body}`).toBe(status);
      const body = res.json();
      expect(body, url).toEqual([{ code: status, description: expect.stringContaining(' / ') }]);
      expect(/\p{Script=Han}/u.test(body[0].description) && /[A-Za-z]{3}/.test(body[0].description), body[0].description).toBe(true);
    }
    const xml = await get('/open311/v2/requests.xml?status=pending');
    expect(xml.statusCode).toBe(400);
    expect(xml.headers['content-type']).toContain('text/xml');
    expect(records(readXml(xml.body))).toEqual([{ code: '400', description: expect.stringContaining('status') }]);
    const nul = await t.request('POST', '/open311/v2/requests.json', { body: 'service_code=help&description=a%00b&address_string=y', headers: FORM });
    expect(nul.statusCode).toBe(400);
    const multipart = await t.request('POST', '/open311/v2/requests.json', { body: '--x--', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(multipart.statusCode).toBe(415);
    expect(multipart.json()[0].code).toBe(415);
  });
});

describe.each(ENGINES)('Open311 rate limits on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { PUBLIC_RATE_LIMIT: '1' });
  });
  afterAll(() => t.close());

  it('limits POSTs per client per minute and reads at ten times that, answering 429 in Open311\'s shape', async () => {
    const body = form({ service_code: 'help', description: '限流测试', address_string: '驿城区' });
    expect((await t.request('POST', '/open311/v2/requests.json', { body, headers: FORM })).statusCode).toBe(201);
    const limited = await t.request('POST', '/open311/v2/requests.xml', { body, headers: FORM });
    expect(limited.statusCode).toBe(429);
    expect(records(readXml(limited.body))).toEqual([{ code: '429', description: expect.stringContaining('Too many requests') }]);
    const reads = [];
    for (let i = 0; i < 11; i++) reads.push((await t.request('GET', '/open311/v2/services.json')).statusCode);
    expect(reads.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(reads[10]).toBe(429);
  });
});

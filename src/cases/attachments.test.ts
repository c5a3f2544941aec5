import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../test/support/engines.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { checkAttachment, fileNameProblem } from './attachments.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a tiny png')]);
const PDF = Buffer.from('%PDF-1.4\n% a tiny pdf\n');

describe('attachment checks (pure)', () => {
  it('accepts a file whose bytes match its type and refuses a renamed one, an unknown type, an empty or oversize file', () => {
    expect(() => checkAttachment('现场照片.png', 'image/png', PNG)).not.toThrow();
    expect(() => checkAttachment('x.pdf', 'application/pdf', PNG)).toThrow(/does not match/);
    expect(() => checkAttachment('x.exe', 'application/x-msdownload', Buffer.from('MZ'))).toThrow(/not accepted/);
    expect(() => checkAttachment('x.png', 'image/png', Buffer.alloc(0))).toThrow(/empty/);
    expect(() => checkAttachment('x.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]))).toThrow(/larger/);
    expect(() => checkAttachment('../../etc/passwd', 'application/pdf', PDF)).toThrow(/name/);
  });

  it('refuses file names that hide what the file is, naming why', () => {
    for (const [name, why] of [
      ['invoice\u202Egpj.exe', /text-direction/], ['photo\u2066.png', /text-direction/], ['a\u0007b.png', /control/], ['a\u0085b.png', /control/],
      ['CON', /device name/], ['nul.png', /device name/], ['Com1.pdf', /device name/], ['LPT9.txt', /device name/],
      ['report.pdf.', /dot or a space/], ['report.pdf ', /dot or a space/], ['..', /path/], ['a/b.png', /path/], ['a\\b.png', /path/], ['   ', /empty/], ['x'.repeat(201), /200/],
    ] as const) {
      expect(() => checkAttachment(name, 'image/png', PNG), JSON.stringify(name)).toThrow(why);
      expect(fileNameProblem(name)?.zh, JSON.stringify(name)).toBeTruthy();
    }
    for (const name of ['现场照片.png', 'console.png', 'nullable.pdf', 'com10.png', "O'Brien (draft) *1*.pdf", '账本.xlsx']) {
      expect(fileNameProblem(name), name).toBeNull();
    }
  });
});

describe.each(ENGINES)('case attachments on %s', (engine) => {
  let t: TestApp;
  const as: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(engine);
    for (const role of ['agent', 'dispatcher', 'handler', 'enterprise']) as[role] = await t.login(role);
  });
  afterAll(() => t.close());

  const upload = (cookie: string, id: number, version: number, type: string, data: Buffer, name = '现场照片.png', part?: string) =>
    t.app.inject({ method: 'POST', url: `/api/cases/${id}/attachments?version=${version}&fileName=${encodeURIComponent(name)}${part ? `&part=${part}` : ''}`, headers: { cookie, 'content-type': type }, payload: data });
  const act = async (role: string, id: number, action: string, body: Record<string, unknown>) => {
    const res = await t.request('POST', `/api/cases/${id}/${action}`, { cookie: as[role], body });
    expect(res.statusCode, `${role} ${action}: ${res.body}`).toBe(200);
    return res.json() as { version: number; status: string };
  };
  const namesSeenBy = async (role: string, id: number) =>
    (await t.request('GET', `/api/cases/${id}/attachments`, { cookie: as[role] })).json().items.map((a: { fileName: string }) => a.fileName);

  it('stores a checked file, records it on the timeline, and serves it back only to those who see the case', async () => {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'complaint', title: '井盖缺失', content: '路口井盖缺失', requester: { kind: 'anonymous' } } })).json();
    const res = await upload(as.agent, id, 1, 'image/png', PNG);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '现场照片.png', contentType: 'image/png', size: PNG.length, caseVersion: 2 });
    expect((await upload(as.agent, id, 1, 'application/pdf', PDF)).statusCode).toBe(409);
    expect((await upload(as.agent, id, 2, 'application/pdf', PNG)).json().error.code).toBe('attachment_mismatch');
    expect((await upload(as.agent, id, 2, 'text/html', Buffer.from('<script>'))).statusCode).toBe(415);
    const list = (await t.request('GET', `/api/cases/${id}/attachments`, { cookie: as.dispatcher })).json().items;
    expect(list).toHaveLength(1);
    const file = await t.request('GET', `/api/cases/${id}/attachments/${list[0].id}`, { cookie: as.dispatcher });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect(String(file.headers['content-disposition'])).toContain(encodeURIComponent('现场照片.png'));
    expect((await t.request('GET', `/api/cases/${id}/attachments/${list[0].id}`, { cookie: as.handler })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/cases/${id}/attachments`, { cookie: as.enterprise })).statusCode).toBe(404);
    const events = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.agent })).json().items;
    expect(events.at(-1)).toMatchObject({ action: 'attach', data: { fileName: '现场照片.png', size: PNG.length } });
  });

  it('refuses a disguised name with 400 and serves a name with quotes and brackets RFC 5987-encoded', async () => {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.agent, body: { channel: 'hotline', type: 'complaint', title: '路灯损坏', content: '路灯不亮', requester: { kind: 'anonymous' } } })).json();
    const disguised = await upload(as.agent, id, 1, 'image/png', PNG, '发票\u202Egnp.exe');
    expect(disguised.statusCode).toBe(400);
    expect(disguised.json().error).toMatchObject({ code: 'attachment_name', messageEn: expect.stringContaining('text-direction') });
    expect((await t.request('GET', `/api/cases/${id}/attachments`, { cookie: as.agent })).json().items).toEqual([]);
    const res = await upload(as.agent, id, 1, 'application/pdf', PDF, "王某's 说明(1).pdf");
    expect(res.statusCode, res.body).toBe(201);
    const file = await t.request('GET', `/api/cases/${id}/attachments/${res.json().id}`, { cookie: as.agent });
    expect(file.headers['content-disposition']).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent('王某')}%27s%20${encodeURIComponent('说明')}%281%29.pdf`);
  });

  it('shows the requester the appeal\'s material always, the reply\'s files once the reply is reviewed, the offices\' working files never', async () => {
    const { id } = (await t.request('POST', '/api/cases', { cookie: as.enterprise, body: { channel: 'enterprise_portal', type: 'help', title: '厂区门前道路破损', content: '货车进出困难', regionCode: '411702', requester: { kind: 'enterprise', name: '驻马店示范企业' } } })).json();
    const own = await upload(as.enterprise, id, 1, 'image/png', PNG, '路面.png');
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().part).toBe('appeal');
    expect((await upload(as.enterprise, id, 2, 'application/pdf', PDF, '内部.pdf', 'internal')).statusCode).toBe(403);
    let c = await act('dispatcher', id, 'dispatch', { version: 2, leadOfficeId: t.demo.offices['zmd-dept-0'] });
    c = await act('handler', id, 'sign', { version: c.version });
    // The handling office may not add to the appeal's material, nor the hotline to the reply.
    expect((await upload(as.handler, id, c.version, 'application/pdf', PDF, '材料.pdf', 'appeal')).statusCode).toBe(403);
    expect((await upload(as.agent, id, c.version, 'application/pdf', PDF, '答复.pdf', 'reply')).statusCode).toBe(403);
    const working = await upload(as.handler, id, c.version, 'application/pdf', PDF, '勘查记录.pdf');
    expect(working.json()).toMatchObject({ part: 'internal' });
    const withReply = await upload(as.handler, id, c.version + 1, 'image/png', PNG, '修复后.png', 'reply');
    expect(withReply.statusCode, withReply.body).toBe(201);
    c = await act('handler', id, 'reply', { version: c.version + 2, reply: '已安排修复路面。' });

    expect(await namesSeenBy('dispatcher', id)).toEqual(['路面.png', '勘查记录.pdf', '修复后.png']);
    expect(await namesSeenBy('enterprise', id)).toEqual(['路面.png']);
    // A file hidden from the requester is as unknown to them as one that does not exist.
    expect((await t.request('GET', `/api/cases/${id}/attachments/${working.json().id}`, { cookie: as.enterprise })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/cases/${id}/attachments/${withReply.json().id}`, { cookie: as.enterprise })).statusCode).toBe(404);
    await act('dispatcher', id, 'review', { version: c.version, decision: 'accept' });
    expect(await namesSeenBy('enterprise', id)).toEqual(['路面.png', '修复后.png']);
    expect((await t.request('GET', `/api/cases/${id}/attachments/${withReply.json().id}`, { cookie: as.enterprise })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/cases/${id}/attachments/${working.json().id}`, { cookie: as.enterprise })).statusCode).toBe(404);
  });

  it('serves a file only under its own case: an attachment id under another case the actor sees is not found', async () => {
    const body = { channel: 'hotline', type: 'complaint', title: '噪音扰民', content: '夜间施工', requester: { kind: 'anonymous' } };
    const first = (await t.request('POST', '/api/cases', { cookie: as.agent, body })).json();
    const second = (await t.request('POST', '/api/cases', { cookie: as.agent, body })).json();
    const file = (await upload(as.agent, first.id, 1, 'image/png', PNG, '照片.png', 'appeal')).json();
    expect((await t.request('GET', `/api/cases/${second.id}/attachments/${file.id}`, { cookie: as.agent })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/cases/${first.id}/attachments/${file.id}`, { cookie: as.agent })).statusCode).toBe(200);
    // The enterprise account neither sees the hotline case nor its file.
    expect((await t.request('GET', `/api/cases/${first.id}/attachments/${file.id}`, { cookie: as.enterprise })).statusCode).toBe(404);
  });

  it('lets a citizen add files to their own appeal with its lookup secret, and nothing with a wrong one', async () => {
    const receipt = (await t.request('POST', '/api/public/appeals', { body: {
      type: 'help', title: '路口积水', content: '下雨后积水很深', address: '驿城区解放路', location: { lat: 32.9811, long: 114.0226 }, requester: { kind: 'anonymous' },
    } })).json();
    const send = (secret: string, data: Buffer, type = 'image/png', name = '积水.png') => t.app.inject({
      method: 'POST', url: `/api/public/appeals/${receipt.code}/attachments?fileName=${encodeURIComponent(name)}`, headers: { 'x-lookup-secret': secret, 'content-type': type }, payload: data,
    });
    expect((await send('WRONG-SECRET', PNG)).statusCode).toBe(404);
    expect((await send(receipt.secret, PNG, 'application/pdf', 'x.pdf')).json().error.code).toBe('attachment_mismatch');
    const res = await send(receipt.secret, PNG);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '积水.png', part: 'appeal' });
    const [{ id }] = (await t.request('GET', `/api/cases?q=${receipt.code}`, { cookie: as.dispatcher })).json().items;
    expect(await namesSeenBy('dispatcher', id)).toEqual(['积水.png']);
    expect((await t.request('GET', `/api/cases/${id}`, { cookie: as.dispatcher })).json()).toMatchObject({ address: '驿城区解放路', location: { lat: 32.9811, long: 114.0226 } });
    const events = (await t.request('GET', `/api/cases/${id}/events`, { cookie: as.agent })).json().items;
    expect(events[0].data.location).toEqual({ lat: 32.9811, long: 114.0226 });
    expect(events.at(-1)).toMatchObject({ action: 'attach', data: { part: 'appeal', byRequester: true } });
    expect((await t.request('POST', '/api/public/appeals', { body: { type: 'help', title: 'x', content: 'y', location: { lat: 91, long: 0 }, requester: { kind: 'anonymous' } } })).statusCode).toBe(400);
  });
});

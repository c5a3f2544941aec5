import { describe, expect, it } from 'vitest';
import { builtinArrangements } from '../calendar/builtin.js';
import { createWorkingCalendar } from '../calendar/rules.js';
import { DEFAULT_POLICY } from '../cases/deadlines.js';
import { CASE_STATUSES } from '../cases/lifecycle.js';
import {
  caseStatusesFor, open311Status, parsePostRequest, parseRequestsQuery, parseW3cDateTime, personName, services, titleFrom, toOpen311Request, w3cDateTime,
  type PublicCaseRecord,
} from './mapping.js';

const record: PublicCaseRecord = {
  code: '2026112300007', type: 'complaint', priority: 'normal', status: 'handling', title: '夜间施工噪音', address: '驿城区人民街道', lat: 32.98, long: 114.02,
  confidential: false, leadOfficeName: '驻马店市城市管理局', intakeOfficeName: '驻马店市12345政务服务便民热线中心',
  acceptedAt: new Date('2026-11-23T01:30:00Z'), updatedAt: new Date('2026-11-23T02:00:00.123Z'), replyDueAt: new Date('2026-11-30T09:30:00Z'),
};

const cal = createWorkingCalendar(builtinArrangements());

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { status: number; code: string; messageZh: string; messageEn: string };
  }
  throw new Error('expected a refusal');
};

describe('Open311 mapping', () => {
  it('offers the six appeal types as realtime services without metadata, with the reply limit in force', () => {
    const list = services(cal, DEFAULT_POLICY);
    expect(list.map((s) => s.service_code)).toEqual(['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise']);
    expect(list.map((s) => s.service_name)).toEqual(['咨询', '求助', '投诉', '举报', '建议', '表扬']);
    expect(list.every((s) => s.metadata === false && s.type === 'realtime' && s.group.length > 0)).toBe(true);
    expect(list.find((s) => s.service_code === 'consultation')!.description).toContain('1 个工作日');
    expect(list.find((s) => s.service_code === 'complaint')!.description).toContain('5 working days');
  });

  it('maps the loop\'s statuses onto open and closed', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((s) => [s, open311Status(s)]))).toEqual({
      accepted: 'open', answered: 'closed', dispatched: 'open', handling: 'open', replied: 'open', reviewed: 'open', closed: 'closed', merged: 'closed',
    });
    expect(caseStatusesFor(['closed']).sort()).toEqual(['answered', 'closed', 'merged']);
  });

  it('shows a case as a public request: rich status in status_notes, lead office, reply deadline, Beijing times', () => {
    expect(toOpen311Request(record, cal, DEFAULT_POLICY)).toEqual({
      service_request_id: '2026112300007', status: 'open', status_notes: '办理中 / being handled', service_name: '投诉', service_code: 'complaint',
      description: '夜间施工噪音', agency_responsible: '驻马店市城市管理局', service_notice: expect.stringContaining('5 个工作日'),
      requested_datetime: '2026-11-23T09:30:00+08:00', updated_datetime: '2026-11-23T10:00:00+08:00', expected_datetime: '2026-11-30T17:30:00+08:00',
      address: '驿城区人民街道', lat: 32.98, long: 114.02,
    });
    expect(toOpen311Request({ ...record, leadOfficeName: null, status: 'accepted' }, cal, DEFAULT_POLICY)).toMatchObject({ agency_responsible: '驻马店市12345政务服务便民热线中心', status_notes: '已受理 / accepted' });
  });

  it('never shows a report\'s matter, address or coordinates', () => {
    const shown = toOpen311Request({ ...record, type: 'report', title: '举报某某无证经营', address: '某街5号' }, cal, DEFAULT_POLICY);
    expect(shown).toMatchObject({ description: '举报事项', address: null, lat: null, long: null });
    expect(JSON.stringify(shown)).not.toContain('某');
  });

  it('reads W3C date-times, bare dates and local times as Beijing time, and refuses impossible ones', () => {
    expect(parseW3cDateTime('2026-11-23T09:30:00+08:00')!.at.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(parseW3cDateTime('2026-11-23T01:30:00Z')!.at.toISOString()).toBe('2026-11-23T01:30:00.000Z');
    expect(parseW3cDateTime('2026-11-23T01:30:00.5-05:00')!.at.toISOString()).toBe('2026-11-23T06:30:00.500Z');
    expect(parseW3cDateTime('2026-11-23')).toEqual({ at: new Date('2026-11-22T16:00:00Z'), dateOnly: true });
    for (const bad of ['2026-02-30', '2026-11-23T24:00:00Z', 'yesterday', '2026-11-23T09:30:00+15:00', '']) expect(parseW3cDateTime(bad)).toBeNull();
    expect(w3cDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
  });

  it('defaults GET requests to the last 90 days, 50 a page, and checks every parameter', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    const q = parseRequestsQuery({}, now);
    expect(q.window!.to.getTime() - q.window!.from.getTime()).toBe(90 * 86_400_000 + 1);
    expect(q).toMatchObject({ page: 1, pageSize: 50 });
    expect(parseRequestsQuery({ service_code: 'help,complaint', status: 'open', page: '2', page_size: '100' }, now)).toMatchObject({ types: ['help', 'complaint'], statuses: ['open'], page: 2, pageSize: 100 });
    expect(parseRequestsQuery({ service_request_id: '1,2', service_code: 'nonsense' }, now)).toMatchObject({ codes: ['1', '2'], window: null });
    const endOnly = parseRequestsQuery({ end_date: '2026-11-01' }, now).window!;
    expect(endOnly.to.toISOString()).toBe('2026-11-01T16:00:00.000Z');
    for (const [input, code] of [
      [{ page_size: '101' }, 'invalid_parameter'], [{ page: '0' }, 'invalid_parameter'], [{ status: 'pending' }, 'invalid_status'],
      [{ service_code: 'potholes' }, 'unknown_service_code'], [{ start_date: 'soon' }, 'invalid_date'],
      [{ start_date: '2026-01-01', end_date: '2026-11-01' }, 'date_range_too_long'], [{ start_date: '2026-11-02', end_date: '2026-11-01' }, 'invalid_date_range'],
      [{ service_request_id: '<x>' }, 'invalid_service_request_id'], [{ status: { $ne: 1 } }, 'invalid_parameter'],
    ] as const) {
      const e = errorOf(() => parseRequestsQuery(input as Record<string, unknown>, now));
      expect(e, JSON.stringify(input)).toMatchObject({ status: 400, code });
      expect(e.messageZh.length > 0 && e.messageEn.length > 0).toBe(true);
    }
  });

  it('turns a POSTed request into a public web appeal', () => {
    expect(parsePostRequest({ service_code: 'complaint', description: '小区门口路灯坏了一个月\n请尽快修理', address_string: '驿城区人民街道', first_name: '先生', last_name: '陈', phone: '13812345678', email: 'c@example.cn', api_key: 'x', 'attribute[WHATEVER]': '1' })).toEqual({
      type: 'complaint', title: '小区门口路灯坏了一个月', content: '小区门口路灯坏了一个月\n请尽快修理', address: '驿城区人民街道', location: null, regionCode: null,
      requester: { kind: 'person', name: '陈先生', phone: '13812345678' },
    });
    const byCoordinates = parsePostRequest({ service_code: 'help', description: 'Pothole', lat: 32.98, long: '114.02', media_url: 'https://example.org/p.jpg', jurisdiction_id: '411702' });
    expect(byCoordinates).toMatchObject({ address: null, location: { lat: 32.98, long: 114.02 }, regionCode: '411702', requester: { kind: 'anonymous' } });
    expect(byCoordinates.content).toContain('https://example.org/p.jpg');
    expect(personName('Jane', 'Doe')).toBe('Jane Doe');
    expect(titleFrom('一'.repeat(80), 'x')).toHaveLength(40);
  });

  it('refuses a POST without what Open311 requires, naming the problem in both languages', () => {
    const base = { service_code: 'complaint', description: '噪音', address_string: '某地' };
    for (const [input, code] of [
      [{ ...base, service_code: undefined }, 'service_code_required'], [{ ...base, service_code: 'potholes' }, 'unknown_service_code'],
      [{ ...base, description: '  ' }, 'description_required'], [{ ...base, description: 'x'.repeat(4001) }, 'invalid_parameter'],
      [{ ...base, address_string: undefined }, 'location_required'], [{ ...base, address_string: undefined, address_id: '7' }, 'location_required'],
      [{ ...base, lat: '91', long: '0' }, 'invalid_location'], [{ ...base, lat: '30' }, 'invalid_location'], [{ ...base, lat: '1e3', long: '1' }, 'invalid_location'],
      [{ ...base, jurisdiction_id: 'city.gov' }, 'invalid_jurisdiction'], [{ ...base, media_url: 'javascript:alert(1)' }, 'invalid_media_url'],
      [{ ...base, description: ['a', { b: 1 }] }, 'invalid_parameter'],
    ] as const) {
      expect(errorOf(() => parsePostRequest(input as Record<string, unknown>)), JSON.stringify(input)).toMatchObject({ status: 400, code });
    }
  });
});

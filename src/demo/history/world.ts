/**
 * What the demo history acts on, read once: the demo offices and their two intake centres,
 * categories, the dispatch catalogue, regions, enterprises and the deadline policy; and the
 * staff log-ins that act for each office, made on first need.
 */
import { sql, queryRows, type Db } from '../../platform/db/engine.js';
import { operatorActor, type Actor, type Role } from '../../platform/actor.js';
import { workingCalendar } from '../../calendar/store.js';
import type { WorkingCalendar } from '../../calendar/rules.js';
import { listCategories, listDispatchRules } from '../../cases/catalogue.js';
import { casePolicy } from '../../cases/settings.js';
import { createUser } from '../../people/commands/createUser.js';
import { findUserIdByUsername } from '../../people/queries.js';
import { demoActor } from '../actors.js';
import { listRegions } from '../../regions/queries.js';
import { parentRegionCode } from '../../regions/rules.js';
import { inSubtree } from '../../offices/rules.js';
import { usccCheckCharacter } from '../../enterprises/uscc.js';
import { DEMO_PASSWORD, type DemoOrganisation } from '../organisation.js';
import { Rng, streamSeed } from './random.js';
import * as T from './content.js';

export interface OfficeInfo {
  id: number;
  key: string;
  name: string;
  kind: string;
  path: string;
  parentId: number | null;
  regionCode: string;
}

export interface Centre {
  key: 'zmd-centre' | 'zz-centre';
  office: OfficeInfo;
  /** Offices below the centre that can lead a case. */
  leaders: OfficeInfo[];
}

export interface World {
  cal: WorkingCalendar;
  maxExtensionDays: number;
  offices: Map<number, OfficeInfo>;
  children: Map<number, OfficeInfo[]>;
  zmd: Centre;
  zz: Centre;
  categories: Map<string, number>;
  categoryPaths: Map<number, number[]>;
  leaves: Map<string, string[]>;
  rules: { categoryId: number; regionCode: string; officeId: number }[];
  byKey: Map<string, OfficeInfo>;
  zzCounties: { code: string; name: string }[];
  zmdCountyWeights: [string, number][];
  demoEnterpriseRegion: string;
  enterprises: { name: string; uscc: string }[];
  placeName(regionCode: string): string;
}

export async function loadWorld(db: Db, org: DemoOrganisation): Promise<World> {
  const cal = await workingCalendar(db);
  const { policy } = await casePolicy(db);
  const keyOf = new Map(Object.entries(org.offices).map(([k, id]) => [id, k]));
  const rows = await queryRows<{ id: number; name: string; kind: string; path: string; parent_id: number | null; region_code: string }>(db,
    sql`select id, name, kind, path, parent_id, region_code from offices`);
  const offices = new Map<number, OfficeInfo>(rows.filter((r) => keyOf.has(r.id)).map((r) => [r.id, {
    id: r.id, key: keyOf.get(r.id)!, name: r.name, kind: r.kind, path: r.path, parentId: r.parent_id, regionCode: r.region_code,
  }]));
  const byKey = new Map([...offices.values()].map((o) => [o.key, o]));
  const children = new Map<number, OfficeInfo[]>();
  for (const o of offices.values()) {
    if (o.parentId !== null && offices.get(o.parentId)?.kind === 'county_platform') {
      children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
    }
  }
  const centre = (key: 'zmd-centre' | 'zz-centre'): Centre => {
    const office = byKey.get(key)!;
    const leaders = [...offices.values()].filter((o) => o.id !== office.id && inSubtree(o.path, office.path)).sort((a, b) => a.id - b.id);
    return { key, office, leaders };
  };
  const categoryRows = await listCategories(db);
  const categories = new Map(categoryRows.filter((c) => c.active).map((c) => [c.code, c.id]));
  const categoryPaths = new Map(categoryRows.map((c) => [c.id, c.path.split('/').filter(Boolean).map(Number).reverse()]));
  const leaves = new Map<string, string[]>();
  for (const [root] of T.ROOT_WEIGHTS) {
    const own = [...categories.keys()].filter((code) => code.startsWith(`${root}.`) && T.TOPICS[code]);
    leaves.set(root, own.length ? own : [root]);
  }
  for (const code of [...leaves.values()].flat().concat(T.REPORTABLE)) {
    if (!categories.has(code)) throw new Error(`demo history: the demo category ${code} is missing or retired`);
  }
  const rules = (await listDispatchRules(db)).map((r) => ({ categoryId: r.categoryId, regionCode: r.regionCode, officeId: r.officeId }));
  const zmdCounties = await listRegions(db, '411700');
  const zzCounties = ['410122', '410108', '410105'].filter((code) => byKey.has(`county-${code}`)).map((code) => ({ code, name: '' }));
  const names = new Map<string, string>([['411700', '驻马店市'], ['410100', '郑州市']]);
  for (const r of zmdCounties) names.set(r.code, r.name);
  for (const r of await listRegions(db, '410100')) names.set(r.code, r.name);
  for (const z of zzCounties) z.name = names.get(z.code) ?? '';
  // Made-up codes in the demo counties, each with a correct check character.
  const enterpriseRng = new Rng(0xe17e);
  const enterprises = T.ENTERPRISES.map((name, i) => {
    const region = i % 3 === 0 || !zmdCounties.length ? '411702' : zmdCounties[i % zmdCounties.length].code;
    let first17 = `91${region}MA`;
    while (first17.length < 17) first17 += '0123456789ABCDEFGHJKLMNPQRTUWXY'[Math.floor(enterpriseRng.next() * 31)];
    return { name: `驻马店${name}`, uscc: first17 + usccCheckCharacter(first17)! };
  });
  return {
    cal, maxExtensionDays: policy.maxExtensionDays, offices, children, zmd: centre('zmd-centre'), zz: centre('zz-centre'), categories, categoryPaths, leaves, rules, byKey,
    zzCounties,
    zmdCountyWeights: zmdCounties.map((r) => [r.code, r.code === '411702' ? 3 : 1] as [string, number]),
    demoEnterpriseRegion: '411702',
    enterprises,
    placeName(regionCode) {
      if (regionCode === '411700' || regionCode === '410100') return names.get(regionCode)!;
      const city = regionCode.startsWith('4117') ? '驻马店市' : '郑州市';
      return `${city}${names.get(regionCode) ?? ''}`;
    },
  };
}

/**
 * Where the dispatcher sends a case: the dispatch catalogue's owner for its category and region
 * (the nearest region first, then the nearest category, as suggestOwners ranks them) when that
 * office is in the centre's tree; otherwise a sensible owner in the tree.
 */
export function rightOffice(world: World, c: { centre: Centre; categoryId: number; categoryCode: string; regionCode: string }): OfficeInfo {
  const categoryIds = world.categoryPaths.get(c.categoryId) ?? [];
  const regions: string[] = [];
  for (let r: string | null = c.regionCode; r; r = parentRegionCode(r)) regions.push(r);
  let best: OfficeInfo | null = null;
  let bestRank = Infinity;
  for (const rule of world.rules) {
    const ri = regions.indexOf(rule.regionCode);
    const ci = categoryIds.indexOf(rule.categoryId);
    if (ri < 0 || ci < 0) continue;
    const office = world.offices.get(rule.officeId);
    if (!office || !inSubtree(office.path, c.centre.office.path)) continue;
    const rank = ri * 100 + ci;
    if (rank < bestRank) {
      bestRank = rank;
      best = office;
    }
  }
  if (best) return best;
  const root = c.categoryCode.split('.')[0];
  const fallbackKey = c.centre.key === 'zz-centre'
    ? root === 'construction' ? 'zz-housing' : root === 'market' || root === 'business' ? 'zz-market' : `county-${c.regionCode}`
    : `county-${c.regionCode}`;
  return world.byKey.get(fallbackKey) ?? c.centre.leaders[0];
}

/** Who acts in the history: demo log-ins, each made the first time it is needed. */
export interface DemoStaff {
  /** Intake-centre staff: the demo log-ins in Zhumadian, `<role>-zz-centre` in Zhengzhou. */
  staff(centre: Centre, role: 'agent' | 'dispatcher' | 'supervisor' | 'leader'): Promise<Actor>;
  /** A lead office's handler: the demo `handler` for the first city department, `handler-<office>` elsewhere. */
  handlerOf(office: OfficeInfo): Promise<Actor>;
  enterprise(): Promise<Actor>;
}

/** `onCreated` is told of each account made (the summary counts them). */
export function demoStaff(db: Db, onCreated: () => void): DemoStaff {
  const cache = new Map<string, Promise<Actor>>();
  const actorOf = (username: string, role: Role, office: OfficeInfo | null, name: string): Promise<Actor> => {
    let p = cache.get(username);
    if (!p) {
      p = (async () => {
        if (await findUserIdByUsername(db, username) === null) {
          await createUser(db, operatorActor(), { username, password: DEMO_PASSWORD, name, roles: [role], officeId: office?.id ?? null, demo: true });
          onCreated();
        }
        return demoActor(db, username);
      })();
      cache.set(username, p);
    }
    return p;
  };
  const personName = (key: string) => {
    const h = streamSeed(0x5eed, [...key].reduce((s, ch) => Math.imul(s, 31) + ch.charCodeAt(0), 7));
    return T.SURNAMES[h % T.SURNAMES.length] + T.GIVEN[(h >>> 8) % T.GIVEN.length];
  };
  return {
    staff: (centre, role) =>
      centre.key === 'zmd-centre' ? actorOf(role, role, centre.office, role) : actorOf(`${role}-${centre.key}`, role, centre.office, personName(`${role}-${centre.key}`)),
    handlerOf: (office) =>
      office.key === 'zmd-dept-0' ? actorOf('handler', 'handler', office, 'handler') : actorOf(`handler-${office.key}`, 'handler', office, personName(office.key)),
    enterprise: () => actorOf('enterprise', 'enterprise', null, 'enterprise'),
  };
}

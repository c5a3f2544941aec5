/**
 * The demo registry: a few hundred made-up enterprises of Zhumadian's counties and districts
 * (and a few in Zhengzhou, for a second city's scope), generated from a fixed seed so every demo
 * database holds the same ones. The seeds' kinds are all there — food processing (食品, the
 * region's grain and sesame), real estate (房地产), electronic glass (电子玻璃) and the printing
 * industry park (印刷产业园) — beside trade, catering, logistics, construction, software,
 * medicine, cooperatives and individual businesses. Codes are made up with a correct GB 32100
 * check character; names, people and phone numbers are invented (phone numbers in the
 * 139-0000 block). Loaded through createEnterprise, so it is audited like real data.
 */
import type { Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { listRegions } from '../regions/queries.js';
import { DEMO_ENTERPRISE_USCC } from '../demo/organisation.js';
import { createEnterprise } from './commands/createEnterprise.js';
import { usccCheckCharacter } from './uscc.js';
import type { EnterpriseContact, EnterpriseInput, EnterpriseKind, EnterpriseSize } from './contract.js';

/** Zhumadian's enterprises, and Zhengzhou's. */
export const DEMO_ENTERPRISE_COUNTS = { zhumadian: 300, zhengzhou: 24 } as const;
const ZHENGZHOU_COUNTIES = ['410122', '410108', '410105'];

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Profile {
  /** How often it occurs, relative to the others. */
  weight: number;
  division: string;
  suffixes: string[];
  kinds: EnterpriseKind[];
  sizes: EnterpriseSize[];
  /** 万元. */
  capital: [number, number];
  /** The printing park's firms sit in the park. */
  park?: string;
}

const PROFILES: Profile[] = [
  { weight: 14, division: '13', suffixes: ['粮油有限公司', '面粉有限公司', '肉类加工有限公司', '芝麻制品有限公司', '饲料有限公司'], kinds: ['limited_liability'], sizes: ['medium', 'small', 'small', 'micro'], capital: [100, 8000] },
  { weight: 12, division: '14', suffixes: ['食品有限公司', '调味品有限公司', '食品股份有限公司', '速冻食品有限公司', '休闲食品有限公司'], kinds: ['limited_liability', 'limited_liability', 'joint_stock'], sizes: ['large', 'medium', 'small', 'small', 'micro'], capital: [200, 20000] },
  { weight: 8, division: '70', suffixes: ['置业有限公司', '房地产开发有限公司', '物业服务有限公司'], kinds: ['limited_liability'], sizes: ['large', 'medium', 'small'], capital: [1000, 50000] },
  { weight: 5, division: '30', suffixes: ['电子玻璃有限公司', '光电玻璃有限公司', '玻璃科技有限公司'], kinds: ['limited_liability', 'joint_stock'], sizes: ['large', 'medium', 'small'], capital: [2000, 60000] },
  { weight: 3, division: '39', suffixes: ['电子科技有限公司', '光电科技有限公司'], kinds: ['limited_liability'], sizes: ['medium', 'small'], capital: [500, 10000] },
  { weight: 8, division: '23', suffixes: ['印务有限公司', '包装印刷有限公司', '彩印有限公司', '数码印刷有限公司'], kinds: ['limited_liability'], sizes: ['medium', 'small', 'small', 'micro'], capital: [100, 3000], park: '印刷产业园' },
  { weight: 10, division: '52', suffixes: ['商贸有限公司', '百货有限公司', '超市有限公司'], kinds: ['limited_liability', 'sole_proprietorship'], sizes: ['small', 'micro', 'micro'], capital: [10, 500] },
  { weight: 6, division: '62', suffixes: ['餐饮管理有限公司', '酒店管理有限公司'], kinds: ['limited_liability'], sizes: ['small', 'micro'], capital: [10, 300] },
  { weight: 5, division: '54', suffixes: ['物流有限公司', '运输有限公司'], kinds: ['limited_liability'], sizes: ['medium', 'small'], capital: [100, 2000] },
  { weight: 6, division: '47', suffixes: ['建筑工程有限公司', '建设集团有限公司'], kinds: ['limited_liability'], sizes: ['large', 'medium', 'small'], capital: [800, 20000] },
  { weight: 4, division: '65', suffixes: ['信息技术有限公司', '软件有限公司', '网络科技有限公司'], kinds: ['limited_liability'], sizes: ['small', 'micro'], capital: [50, 1000] },
  { weight: 3, division: '27', suffixes: ['药业有限公司', '生物制药有限公司'], kinds: ['limited_liability', 'joint_stock'], sizes: ['medium', 'small'], capital: [1000, 15000] },
  { weight: 3, division: '35', suffixes: ['机械制造有限公司', '农业机械有限公司'], kinds: ['limited_liability'], sizes: ['medium', 'small'], capital: [300, 5000] },
  { weight: 2, division: '17', suffixes: ['纺织有限公司'], kinds: ['limited_liability'], sizes: ['medium', 'small'], capital: [500, 5000] },
  { weight: 5, division: '01', suffixes: ['种植专业合作社', '果蔬专业合作社'], kinds: ['farmers_cooperative'], sizes: ['micro'], capital: [10, 200] },
  { weight: 6, division: '52', suffixes: ['便利店', '副食店', '五金店'], kinds: ['individual_business'], sizes: ['micro'], capital: [1, 30] },
];

const BRANDS = [
  '天中', '豫丰', '恒达', '金润', '华康', '鑫源', '嘉禾', '瑞丰', '永泰', '宏昌', '盛和', '汇通', '博远', '康达', '顺和', '兴业', '锦程',
  '润禾', '亿联', '福瑞', '众合', '昌盛', '鼎晟', '新源', '华宇', '广达', '佳美', '丰乐', '宏远', '金穗', '和顺', '正通', '益民', '德隆',
  '泰和', '华信', '明远', '东升', '安泰', '乐康', '景程', '汇丰源', '联创', '金鼎', '百川', '同创', '天诚', '万和', '青禾', '亿丰',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '宋', '谢', '韩'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '建华', '国庆', '红梅', '志强', '海燕', '文博', '子涵'];
const ROLES = ['总经理', '办公室主任', '财务负责人', '生产负责人', '安全负责人'];
const ROADS: Record<string, string[]> = {
  '411702': ['练江大道', '天中山大道', '雪松路', '解放路', '中华路', '文明路', '健康路', '开源大道'],
  default: ['人民路', '建设路', '工业大道', '产业集聚区纬一路', '产业集聚区经二路', '解放路', '迎宾大道'],
};

/** A made-up code of a region: authority 9 (market regulation), kind 1 enterprise / 2 individual business / 3 cooperative. */
function demoUscc(next: () => number, kind: EnterpriseKind, regionCode: string): string {
  const kindDigit = kind === 'individual_business' ? '2' : kind === 'farmers_cooperative' ? '3' : '1';
  let body = `9${kindDigit}${regionCode}MA`;
  for (let i = 0; i < 7; i++) body += ALPHABET[Math.floor(next() * 31)];
  return body + usccCheckCharacter(body)!;
}

const pick = <T>(next: () => number, items: readonly T[]) => items[Math.floor(next() * items.length)];
const pad = (n: number) => String(n).padStart(2, '0');

/** The demo registry's records (the demo enterprise first), the same for the same regions. */
export function demoEnterprises(counties: { code: string; name: string }[], seed = 20261203): EnterpriseInput[] {
  const next = random(seed);
  const totalWeight = PROFILES.reduce((s, p) => s + p.weight, 0);
  const profileAt = (x: number) => {
    let left = x * totalWeight;
    return PROFILES.find((p) => (left -= p.weight) < 0) ?? PROFILES[PROFILES.length - 1];
  };
  const person = () => pick(next, SURNAMES) + pick(next, GIVEN);
  const phone = () => `1390000${String(Math.floor(next() * 10000)).padStart(4, '0')}`;
  const seenCodes = new Set([DEMO_ENTERPRISE_USCC]);
  const seenNames = new Set<string>();
  const out: EnterpriseInput[] = [{
    uscc: DEMO_ENTERPRISE_USCC, name: '驻马店示范企业食品有限公司', kind: 'limited_liability', legalRepresentative: '周建华',
    address: '驻马店市驿城区练江大道 168 号', regionCode: '411702', industryDivision: '14', size: 'medium', establishedOn: '2016-05-18',
    registeredCapital: 5000, keyEnterprise: true, credit: 'good',
    contacts: [{ name: '周建华', role: '总经理', phone: '13900001680' }, { name: '孙海燕', role: '办公室主任', phone: '13900001681' }],
  }];
  const zhumadian = counties.filter((c) => c.code.startsWith('4117'));
  const zhengzhou = counties.filter((c) => c.code.startsWith('4101'));
  const plan = [
    ...Array.from({ length: DEMO_ENTERPRISE_COUNTS.zhumadian - 1 }, () => zhumadian),
    ...Array.from({ length: DEMO_ENTERPRISE_COUNTS.zhengzhou }, () => zhengzhou),
  ];
  for (const regions of plan) {
    const profile = profileAt(next());
    // The printing park is in 驿城区; its firms are registered there.
    const county = profile.park && regions === zhumadian ? zhumadian.find((c) => c.code === '411702') ?? pick(next, regions) : pick(next, regions);
    const place = county.name.endsWith('开发区') ? '驻马店' : county.name.replace(/(县|区|市)$/, '');
    const kind = pick(next, profile.kinds);
    let name: string;
    do name = `${kind === 'individual_business' ? county.name : place}${pick(next, BRANDS)}${pick(next, profile.suffixes)}`;
    while (seenNames.has(name));
    seenNames.add(name);
    let uscc: string;
    do uscc = demoUscc(next, kind, county.code);
    while (seenCodes.has(uscc));
    seenCodes.add(uscc);
    const [low, high] = profile.capital;
    const roads = ROADS[county.code] ?? ROADS.default;
    const legal = person();
    const contacts: EnterpriseContact[] = [{ name: legal, role: kind === 'individual_business' ? '经营者' : '总经理', phone: phone() }];
    if (kind !== 'individual_business' && next() < 0.6) contacts.push({ name: person(), role: pick(next, ROLES.slice(1)), phone: phone() });
    const size = pick(next, profile.sizes);
    const year = 1998 + Math.floor(next() * 28);
    const credit = next();
    out.push({
      uscc, name, kind, legalRepresentative: legal,
      address: profile.park && county.code === '411702' ? `驻马店市驿城区${profile.park}${1 + Math.floor(next() * 60)} 号` : `${county.name}${pick(next, roads)}${1 + Math.floor(next() * 300)} 号`,
      regionCode: county.code, industryDivision: profile.division, size,
      establishedOn: `${Math.min(year, 2025)}-${pad(1 + Math.floor(next() * 12))}-${pad(1 + Math.floor(next() * 28))}`,
      registeredCapital: Math.round((low + next() * (high - low)) * 100) / 100,
      keyEnterprise: (size === 'large' || size === 'medium') && next() < 0.35,
      credit: credit < 0.2 ? 'good' : credit < 0.97 ? 'normal' : 'bad',
      contacts,
    });
  }
  return out;
}

/** Loads the demo registry through createEnterprise; answers the enterprises' ids by code. */
export async function loadDemoEnterprises(db: Db, actor: Actor, progress: (done: number, total: number) => void = () => {}): Promise<Record<string, number>> {
  const counties = [
    ...(await listRegions(db, '411700')),
    ...(await listRegions(db, '410100')).filter((r) => ZHENGZHOU_COUNTIES.includes(r.code)),
  ];
  const records = demoEnterprises(counties);
  const ids: Record<string, number> = {};
  for (const [i, record] of records.entries()) {
    ids[record.uscc] = (await createEnterprise(db, actor, record)).id;
    progress(i + 1, records.length);
  }
  return ids;
}

// Names of figures, rates, peer groups and table rows in the chosen language, from the
// contract's name tables (zh-CN first) and the appeals module's words for channels and types.
import { useMemo } from 'react';
import { useI18n } from '../shell';
import { FIGURE_NAMES, PEER_GROUP_NAMES, RATE_NAMES, type Dimension, type Figure, type PeerGroup, type Rate } from './api';

const cap = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

export interface EvalNames {
  figure: (f: Figure) => string;
  rate: (r: Rate) => string;
  rateDefinition: (r: Rate) => string;
  peerGroup: (g: PeerGroup) => string;
  /** A row's label: channels and case types in the page's language, everything else as named by the server. */
  row: (by: Dimension, row: { key: string; name: string }) => string;
}

export function useEvalNames(): EvalNames {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const pick = (n: { zh: string; en: string }) => (lang === 'en' ? cap(n.en) : n.zh);
    const word = (prefix: string, key: string, fallback: string) => {
      const k = `${prefix}.${key}`;
      const v = t(k);
      return v === k ? fallback : v;
    };
    return {
      figure: (f) => pick(FIGURE_NAMES[f]),
      rate: (r) => pick(RATE_NAMES[r]),
      rateDefinition: (r) => RATE_NAMES[r].definition,
      peerGroup: (g) => (PEER_GROUP_NAMES[g] ? pick(PEER_GROUP_NAMES[g]) : g),
      row: (by, row) => {
        if (by === 'channel') return word('cases.channel', row.key, row.name);
        if (by === 'type') return word('cases.type', row.key, row.name);
        return row.name;
      },
    };
  }, [lang, t]);
}

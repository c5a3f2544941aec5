import { describe, expect, it } from 'vitest';
import { interpolate, type Translate } from '../../shell/i18n';
import { APPLICATION_ACTIONS, APPLICATION_STATUSES, type ApplicationStatus } from './api';
import { applicantStatus } from './applicantStatus';
import messages from './messages';

const translate = (lang: 'zh-CN' | 'en'): Translate => (key, params) => interpolate(messages[lang][key] ?? key, params);
const row = (status: ApplicationStatus, over: Partial<{ stillNeeded: string[]; asked: string[]; resultNumber: string; refusalReason: string }> = {}) =>
  ({ status, stillNeeded: [], asked: [], ...over });

describe('what the applicant reads of its application', () => {
  const t = translate('zh-CN');
  it('puts a department\'s request first, then what is missing or owed, as the thing to do', () => {
    expect(applicantStatus(t, row('in_review', { asked: ['中牟县水利局：补充图纸'], stillNeeded: ['施工合同'] }))).toEqual({ text: '请补充：中牟县水利局：补充图纸', todo: true });
    expect(applicantStatus(t, row('incomplete', { stillNeeded: ['施工合同', '承诺书'] }))).toEqual({ text: '材料不齐，请补正：施工合同、承诺书', todo: true });
    expect(applicantStatus(t, row('accepted', { stillNeeded: ['施工合同'] }))).toEqual({ text: '已容缺受理，请按期补齐：施工合同', todo: true });
  });

  it('names the certificate once issued and the reason when refused; otherwise one sentence per status, nothing to do', () => {
    expect(applicantStatus(t, row('issued', { resultNumber: '建施〔2026〕1号' })).text).toBe('已发证，文号 建施〔2026〕1号');
    expect(applicantStatus(t, row('refused', { refusalReason: '规划局：不符合规划' })).text).toBe('不予许可：规划局：不符合规划');
    for (const status of Object.keys(APPLICATION_STATUSES) as ApplicationStatus[]) {
      if (status === 'incomplete') continue;
      for (const lang of ['zh-CN', 'en'] as const) {
        const s = applicantStatus(translate(lang), row(status));
        expect(s.text, `${lang} ${status}`).not.toContain('applications.');
        expect(s.todo).toBe(false);
      }
    }
  });
});

describe('the applications pages\' words', () => {
  it('say the same things in Chinese and English, and name every action', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['zh-CN']).sort());
    for (const action of APPLICATION_ACTIONS) expect(messages.en[`applications.action.${action}`], action).toBeTruthy();
  });
});

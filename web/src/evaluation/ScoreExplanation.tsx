// How a ranking's score and places are made, in words a citizen reads: the weighted rates with
// their weights and shares, the rates that do not count (and so why a low completion rate can
// still score high, with the ranking's own example), the minimum number of cases and the lists.
// Every number comes from the ranking's settings, the ones the server scored it with.
import { useMemo } from 'react';
import { Typography } from 'antd';
import { useI18n } from '../shell';
import { percent, RATE_NAMES, type Ranking, type Rate } from './api';
import { useEvalNames } from './names';
import { lowCompletionExample, scoreRecipe, shareText } from './scoring';

export function ScoreExplanation({ ranking, testId }: { ranking: Ranking; testId: string }) {
  const { t, lang } = useI18n();
  const names = useEvalNames();
  const { settings } = ranking;
  const recipe = useMemo(() => scoreRecipe(settings.weights), [settings.weights]);
  const example = useMemo(() => lowCompletionExample(ranking), [ranking]);
  // Inside a sentence English names stay lower-case, as the contract words them.
  const inSentence = (r: Rate) => (lang === 'en' ? RATE_NAMES[r].en : RATE_NAMES[r].zh);
  const joined = (rates: readonly Rate[]) => {
    const words = rates.map(inSentence);
    return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(t('evaluation.explain.listSeparator'))}${t('evaluation.explain.listLast')}${words[words.length - 1]}`;
  };
  const completion = recipe.weighted.find((w) => w.rate === 'completionRate');
  const others = recipe.weighted.filter((w) => w.rate !== 'completionRate').map((w) => w.rate);
  const p = { style: { marginBottom: 8 } };

  return (
    <div data-testid={testId}>
      <Typography.Paragraph {...p}>{t('evaluation.explain.score', { n: recipe.weighted.length })}</Typography.Paragraph>
      <ul style={{ paddingLeft: 20, margin: '0 0 8px' }}>
        {recipe.weighted.map((w) => (
          <li key={w.rate} data-testid={`${testId}-weight-${w.rate}`} data-weight={w.weight}>
            <Typography.Text strong>{names.rate(w.rate)}</Typography.Text>
            {lang === 'en' ? ': ' : '：'}
            {t('evaluation.explain.weight', { weight: w.weight, share: shareText(w.share) })}
            {w.lowerIsBetter && <>{lang === 'en' ? '; ' : '；'}{t('evaluation.explain.lowerBetter')}</>}
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t(`evaluation.explain.rate.${w.rate}`)}
            </Typography.Text>
          </li>
        ))}
      </ul>
      {recipe.weighted.some((w) => w.rate === 'satisfactionRate') && (
        <Typography.Paragraph {...p}>{t('evaluation.explain.basically', { w: settings.basicallySatisfiedWeight })}</Typography.Paragraph>
      )}
      <Typography.Paragraph {...p}>{t('evaluation.explain.missing')}</Typography.Paragraph>
      <Typography.Paragraph {...p} data-testid={`${testId}-unweighted`}>
        {recipe.unweighted.length > 0 && <>{t('evaluation.explain.unweighted', { rates: joined(recipe.unweighted) })}{lang === 'en' ? ' ' : ''}</>}
        {completion
          ? others.length > 0 && t('evaluation.explain.whyCompletionIn', { share: shareText(completion.share), rates: joined(others) })
          : t('evaluation.explain.whyCompletionOut', { rates: joined(others) })}
        {example && (!completion || others.length > 0) && (
          <span data-testid={`${testId}-example`}>
            {lang === 'en' ? ' ' : ''}
            {t('evaluation.explain.example', { name: example.name, completion: percent(example.rates.completionRate), score: example.score!.toFixed(2) })}
          </span>
        )}
      </Typography.Paragraph>
      <Typography.Paragraph {...p} data-testid={`${testId}-minimum`} data-minimum={settings.minimumCases}>
        {t('evaluation.explain.minimum', { min: settings.minimumCases })}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 0 }} data-testid={`${testId}-lists`}>
        {t('evaluation.explain.lists', { size: settings.listSize })}
      </Typography.Paragraph>
    </div>
  );
}

// The timeline as a case's requester sees it (PublicStep, src/cases/public-view.ts): the public
// tracking page and an enterprise's own case page show the same steps, with the step names the
// server gives in both languages.
import { Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../shell';
import type { PublicStep } from '../../../src/cases/contract';

export function RequesterSteps({ steps, testId }: { steps: readonly PublicStep[]; testId: string }) {
  const { lang } = useI18n();
  return (
    <div data-testid={testId}>
      <Timeline
        items={steps.map((s, i) => ({
          key: i,
          children: (
            <div data-testid={`public-step-${i}`} data-step={s.step}>
              <Typography.Text strong>{lang === 'en' ? s.name.en : s.name.zh}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {dayjs(s.at).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
              {s.office && <div>{s.office}</div>}
              {typeof s.detail?.text === 'string' && <div style={{ whiteSpace: 'pre-wrap' }}>{s.detail.text}</div>}
              {typeof s.detail?.explanation === 'string' && <div style={{ whiteSpace: 'pre-wrap' }}>{s.detail.explanation}</div>}
            </div>
          ),
        }))}
      />
    </div>
  );
}

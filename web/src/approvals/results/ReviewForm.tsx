// The five national grades of 好差评 and a comment: the rating form the certificate's link opens
// (and any page where an applicant rates a finished application).
import { useState } from 'react';
import { Button, Input, Radio, Space, Typography } from 'antd';
import { useI18n } from '../../shell';
import { REVIEW_GRADES, REVIEW_GRADE_NAMES, type ReviewGrade } from './api';

export function ReviewForm({ onSubmit }: { onSubmit(review: { grade: ReviewGrade; comment?: string }): Promise<void> }) {
  const { t, lang } = useI18n();
  const [grade, setGrade] = useState<ReviewGrade | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const bad = grade === 'dissatisfied' || grade === 'very_dissatisfied';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Radio.Group value={grade} onChange={(e) => setGrade(e.target.value)} data-testid="review-grades">
        <Space direction="vertical">
          {REVIEW_GRADES.map((g) => <Radio key={g} value={g} data-testid={`grade-${g}`}>{lang === 'en' ? REVIEW_GRADE_NAMES[g].en : REVIEW_GRADE_NAMES[g].zh}</Radio>)}
        </Space>
      </Radio.Group>
      <Input.TextArea rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('results.review.comment')} data-testid="review-comment" />
      {bad ? <Typography.Text type="secondary">{t('results.review.badNote')}</Typography.Text> : null}
      <Button type="primary" block disabled={!grade} loading={busy} data-testid="review-submit"
        onClick={async () => {
          setBusy(true);
          try {
            await onSubmit({ grade: grade!, ...(comment.trim() ? { comment: comment.trim() } : {}) });
          } finally {
            setBusy(false);
          }
        }}>
        {t('results.review.submit')}
      </Button>
    </Space>
  );
}

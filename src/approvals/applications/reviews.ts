/**
 * Good/bad reviews (政务服务"好差评", 国办发〔2019〕51号), pure: the five national grades, which
 * of them are bad (a bad review becomes an appeal case), and who may review an application.
 */
import { REVIEW_GRADES, type ReviewGrade } from './contract.js';

/** 不满意 and 非常不满意: verified and rectified by the responsible body through the appeals loop. */
export const BAD_GRADES: readonly ReviewGrade[] = ['dissatisfied', 'very_dissatisfied'];

export const isBadReview = (grade: ReviewGrade) => BAD_GRADES.includes(grade);

export const isReviewGrade = (value: unknown): value is ReviewGrade => typeof value === 'string' && (REVIEW_GRADES as readonly string[]).includes(value);

/** A finished application: decided and delivered or issued, or refused. Those in progress, withdrawn or ended are not rated. */
export const REVIEWABLE_STATUSES = ['issued', 'delivered', 'refused'] as const;

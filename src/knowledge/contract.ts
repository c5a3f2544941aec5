/**
 * What the knowledge module answers that the web app reads too (types only, no imports, so the
 * browser bundle can take it as it is).
 */

/** A suggestion for intake or an agent: enough to read the answer out and say who vouches for it. */
export interface ArticleSuggestion {
  id: number;
  title: string;
  question: string;
  answer: string;
  category: string;
  officeId: number;
  officeName: string;
  regionCode: string | null;
  useCount: number;
  score: number;
}

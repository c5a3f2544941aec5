// The signed-in person's shape is the people contract's.
export type { Me } from '../../../src/people/contract';

/** Body of every 4xx/5xx answer from the API. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    messageZh?: string;
    messageEn?: string;
    details?: unknown;
  };
}

export interface ListResponse<T> {
  items: T[];
}

import { describe, expect, it } from 'vitest';
import { fromFragment } from './api';

describe('the intake link', () => {
  it('reads the secret (and a code) from the fragment, never from the query', () => {
    expect(fromFragment('#secret=883xMFSs-_q')).toEqual({ code: undefined, secret: '883xMFSs-_q' });
    expect(fromFragment('#code=2026112300007&secret=a%2Bb')).toEqual({ code: '2026112300007', secret: 'a+b' });
    expect(fromFragment('')).toEqual({ code: undefined, secret: undefined });
  });
});

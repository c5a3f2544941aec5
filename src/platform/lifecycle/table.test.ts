import { describe, expect, it } from 'vitest';
import { itemTable, type ColumnMap } from './table.js';
import type { ItemRow } from './definition.js';

interface Before extends ItemRow { title: string }
interface After extends Before { note: string | null }

const BEFORE: ColumnMap<Before> = { id: ['id', 'int'], title: ['title', 'text'], status: ['status', 'text'], version: ['version', 'int'], eventCount: ['event_count', 'int'], lastEventHash: ['last_event_hash', 'text'] };
const AFTER: ColumnMap<After> = { ...BEFORE, note: ['note', 'text'] };
const row: Before = { id: 1, title: '台账', status: 'open', version: 3, eventCount: 3, lastEventHash: 'x' };

describe('an item table\'s state hash', () => {
  it('leaves a field added later out while it is null, so rows written before it hash as their last event recorded', () => {
    const old = itemTable<Before>('t', 't', BEFORE).state.hash(row);
    const upgraded = itemTable<After>('t', 't', AFTER, { addedLater: ['note'] }).state;
    expect(upgraded.hash({ ...row, note: null })).toBe(old);
    expect(upgraded.hash({ ...row, note: '补充说明' })).not.toBe(old);
    // Without the option, every field counts, null or not.
    expect(itemTable<After>('t', 't', AFTER).state.hash({ ...row, note: null })).not.toBe(old);
  });
});

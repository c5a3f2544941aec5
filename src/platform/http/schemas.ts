import { Type } from '@sinclair/typebox';

/** Shared request pieces, so every module spells ids and versions the same way. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }, { additionalProperties: false });
export const Version = Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The version you last read; a stale one answers 409' });
export const RegionCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 region code' });
export const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

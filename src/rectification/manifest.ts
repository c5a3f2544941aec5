/**
 * The rectification ledger (整改台账): an enterprise's rectification plan for a subject (a case
 * today), its weekly progress, the ledger and its exports. Plans are an item type of the
 * lifecycle kernel with their own hash-chained events; the case's timeline follows them through
 * the case module's subscriber.
 */
import type { ModuleManifest } from '../platform/manifest.js';
import { rectificationRoutes } from './routes.js';
import { RECTIFICATION_TYPE } from './type.js';

export const rectificationModule: ModuleManifest = { name: 'rectification', routes: [rectificationRoutes], itemTypes: [RECTIFICATION_TYPE] };

/** Demo data: the demo organisation, catalogue, knowledge, cases and generated history, through the real commands. */
import type { ModuleManifest } from '../platform/manifest.js';
import { demoCli } from './cli.js';

export const demoModule: ModuleManifest = { name: 'demo', cli: demoCli };

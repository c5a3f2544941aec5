/** The audit trail (审计): one hash chain of every administrative change, and the verifier of every chain. */
import type { ModuleManifest } from '../platform/manifest.js';
import { auditCli } from './cli.js';

export const auditModule: ModuleManifest = { name: 'audit', cli: auditCli };

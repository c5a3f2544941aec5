/** Signed codes (签名码): the installation's signing keys and the codes they sign, for visit codes and certificates that anyone can check. */
import type { ModuleManifest } from '../platform/manifest.js';
import { signingRoutes } from './routes.js';
import { signingCli } from './cli.js';

export const signingModule: ModuleManifest = { name: 'signing', routes: [signingRoutes], cli: signingCli };

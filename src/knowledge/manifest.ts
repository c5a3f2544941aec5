/** The knowledge base (知识库): answers for agents and the public. */
import type { ModuleManifest } from '../platform/manifest.js';
import { knowledgeRoutes } from './routes.js';

export const knowledgeModule: ModuleManifest = { name: 'knowledge', routes: [knowledgeRoutes] };

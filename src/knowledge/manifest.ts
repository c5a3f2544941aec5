/** The knowledge base (知识库): answers for agents and the public. */
import type { ModuleManifest } from '../platform/manifest.js';
import { knowledgeRoutes } from './routes.js';
import { ARTICLE_TYPE } from './commands/articleActions.js';
import { operatorActor } from '../platform/actor.js';
import { loadDemoKnowledge } from './demo.js';

export const knowledgeModule: ModuleManifest = {
  name: 'knowledge',
  routes: [knowledgeRoutes],
  itemTypes: [ARTICLE_TYPE],
  demo: [{
    name: 'knowledge articles', needs: ['offices'],
    load: async (db, made) => {
      await loadDemoKnowledge(db, operatorActor(), made.offices as Record<string, number>);
    },
  }],
};

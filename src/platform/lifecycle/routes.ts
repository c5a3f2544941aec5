/**
 * Turns an item type's actions into HTTP routes: `POST <base>/:id/<action> {version, …input}`,
 * each with its input schema (validated, and documented in the OpenAPI at /docs) and the
 * kernel's answers. The module says how to answer with the changed item.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TObject } from '@sinclair/typebox';
import type { Actor } from '../actor.js';
import { IdParams, Version } from '../http/schemas.js';
import type { ItemRow, ItemType } from './definition.js';
import { runAction } from './runner.js';

export interface ActionRouteOptions<Row, A extends string = string> {
  /** `/cases` gives `/cases/:id/<action>`. */
  base: string;
  tags: string[];
  respond(actor: Actor, row: Row): Promise<unknown>;
  /**
   * Actions answered at another method and path than `POST <base>/:id/<action>` (an edit as
   * `PATCH <base>/:id`: path ''), for routes clients already use.
   */
  at?: Partial<Record<A, { method: 'PATCH' | 'PUT'; path: string }>>;
}

export function registerActionRoutes<Row extends ItemRow<S>, S extends string, R extends string, A extends string, X extends object>(
  app: FastifyInstance, type: ItemType<Row, S, R, A, X>, opts: ActionRouteOptions<Row, A>,
): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const action of Object.keys(type.commands) as A[]) {
    const command = type.commands[action];
    const versioned = !type.lifecycle.actions[action].unversioned;
    const body = Type.Object({ ...(versioned ? { version: Version } : {}), ...(command.input as TObject).properties }, { additionalProperties: false });
    const at = opts.at?.[action];
    typed.route({
      method: at?.method ?? 'POST',
      url: `${opts.base}/:id${at ? at.path : `/${action}`}`,
      schema: { tags: opts.tags, summary: `${type.lifecycle.actions[action].label.zh} — ${command.summary}`, params: IdParams, body },
      handler: async (request) => {
        const { version, ...input } = request.body as { version?: number } & Record<string, unknown>;
        const row = await runAction(app.database.db, type, request.actor!, { id: request.params.id, action, version, input });
        return opts.respond(request.actor!, row);
      },
    });
  }
}

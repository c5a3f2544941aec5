/** The lifecycle kernel: every work item type runs on it (see README "How to add an item type"). */
export type {
  ActingRole, ActionCommand, ActionContext, ActionOutcome, ActionRule, AnyItemType, CreateRule, EventChain, ItemRow, ItemState, ItemStore, ItemType, Lifecycle, Permit,
} from './definition.js';
export { defineCommand } from './definition.js';
export type { Bilingual, BlockedAction, BlockedReason } from '../contract.js';
export { actionsFor, canRead, checkAction, mayCreate, permitted, wrongStatus } from './rules.js';
export { actionRefused, appendEvent, createItem, recordCreation, runAction, type ActionRequest, type CreateRequest, type EventInput } from './runner.js';
export { chainEvent, eventHash, GENESIS_HASH, insertEventsSql, listEvents, verifyChains, type ChainedEvent, type ChainProblem, type ChainVerification, type EventContent } from './chain.js';
export { bulkCreateWrites, installSubscribers, publish, type ItemChange, type Subscriber } from './subscribers.js';
export { registerActionRoutes } from './routes.js';
export { installItemTypes, itemTypes } from './registry.js';
export { encodeValue, itemTable, type ColumnKind, type ColumnMap, type ItemTable, type ItemTableOptions } from './table.js';
export {
  publicationCommands, publicationLifecycle, publicationRelations, revisionAfterChange,
  type PublicationAction, type PublicationDefinition, type PublicationRelation, type PublicationRow, type PublicationStatus,
} from './publication.js';

/** The bundle application as an item type of the lifecycle kernel. */
import type { ItemType } from '../../platform/lifecycle/index.js';
import { BUNDLE_APPLICATION_LIFECYCLE, type BundleApplicationItem, type BundleRelation } from './lifecycle.js';
import type { BundleAction, BundleApplicationStatus } from './contract.js';
import { BUNDLE_APPLICATION_STORE } from './store.js';
import { intakeBundle } from './commands/intake.js';
import { BUNDLE_COMMANDS } from './commands/actions.js';

export const BUNDLE_APPLICATION_TYPE: ItemType<BundleApplicationItem, BundleApplicationStatus, BundleRelation, BundleAction> = {
  lifecycle: BUNDLE_APPLICATION_LIFECYCLE,
  create: intakeBundle,
  commands: BUNDLE_COMMANDS,
  store: BUNDLE_APPLICATION_STORE,
  settings: async () => ({}),
};

/** The joint review as an item type of the lifecycle kernel. */
import type { ItemType } from '../../platform/lifecycle/index.js';
import { JOINT_REVIEW_LIFECYCLE, type JointRelation, type JointReviewItem } from './lifecycle.js';
import type { JointReviewAction, JointReviewStatus } from './contract.js';
import { JOINT_REVIEW_STORE } from './store.js';
import { JOINT_REVIEW_COMMANDS, schedule } from './commands.js';

export const JOINT_REVIEW_TYPE: ItemType<JointReviewItem, JointReviewStatus, JointRelation, JointReviewAction> = {
  lifecycle: JOINT_REVIEW_LIFECYCLE,
  create: schedule,
  commands: JOINT_REVIEW_COMMANDS,
  store: JOINT_REVIEW_STORE,
  settings: async () => ({}),
};

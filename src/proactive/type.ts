/** Hotspots and proactive tasks as item types of the lifecycle kernel. */
import type { ItemType } from '../platform/lifecycle/index.js';
import type { WorkingCalendar } from '../calendar/rules.js';
import { workingCalendar } from '../calendar/store.js';
import type { HotspotAction, TaskAction, HotspotStatus, TaskStatus } from './contract.js';
import { HOTSPOT_LIFECYCLE, TASK_LIFECYCLE, type HotspotRelation, type HotspotRow, type TaskRelation, type TaskRow } from './lifecycle.js';
import { HOTSPOT_STORE, TASK_STORE } from './store.js';
import { dismissHotspot } from './commands/dismiss.js';
import { turnIntoTask } from './commands/turnIntoTask.js';
import { setTask } from './commands/setTask.js';
import { signTask } from './commands/sign.js';
import { addNote } from './commands/addNote.js';
import { superviseTask } from './commands/supervise.js';
import { linkCases } from './commands/linkCases.js';
import { chooseTopic } from './commands/chooseTopic.js';
import { finishTask } from './commands/finish.js';

/** Read before each action: deadlines are on the official calendar. */
export interface ProactiveSettings {
  cal: WorkingCalendar;
}

const settings = async (db: Parameters<typeof workingCalendar>[0]): Promise<ProactiveSettings> => ({ cal: await workingCalendar(db) });

export const HOTSPOT_TYPE: ItemType<HotspotRow, HotspotStatus, HotspotRelation, HotspotAction, ProactiveSettings> = {
  lifecycle: HOTSPOT_LIFECYCLE,
  commands: { dismiss: dismissHotspot, task: turnIntoTask },
  store: HOTSPOT_STORE,
  settings,
};

export const TASK_TYPE: ItemType<TaskRow, TaskStatus, TaskRelation, TaskAction, ProactiveSettings> = {
  lifecycle: TASK_LIFECYCLE,
  create: setTask,
  commands: { sign: signTask, 'add-note': addNote, supervise: superviseTask, 'link-cases': linkCases, 'choose-topic': chooseTopic, finish: finishTask },
  store: TASK_STORE,
  settings,
};

import { randomBytes } from 'node:crypto';
import { actionRefused, defineCommand } from '../../platform/lifecycle/index.js';
import { commitProblems, DrawError, rosterCommitment, sha256 } from '../draw.js';
import { candidateRosters } from '../rosters.js';
import type { Relation, TaskItem } from '../lifecycle.js';
import { NoInput, type TaskSettings } from '../settings.js';

/** A refusal of the draw's own rules, as the API answers it. */
export const drawRefused = (e: unknown) => (e instanceof DrawError ? actionRefused(e.code, e.zh, e.en) : e);

/**
 * Freezes the candidate rosters — the registry's enterprises the committing person may read under
 * the task's filters, each in its credit class; the departments' active inspectors; their
 * declared conflicts with those enterprises — and publishes their SHA-256 with the SHA-256 of a
 * fresh server random kept secret until the draw.
 */
export const commit = defineCommand<TaskItem, Relation, TaskSettings, typeof NoInput>({
  summary: 'Freeze the candidate rosters and publish their SHA-256 commitment and the hash of the server random',
  input: NoInput,
  async apply({ tx, actor, row, now }) {
    const { rosters } = await candidateRosters(tx, actor, row);
    const [problem] = commitProblems(rosters);
    if (problem) throw drawRefused(problem);
    const serverRandom = randomBytes(32).toString('hex');
    const commitment = rosterCommitment(rosters);
    const serverRandomHash = sha256(serverRandom);
    return {
      changes: { rosters, commitment, committedAt: now, serverRandom, serverRandomHash },
      event: { commitment, serverRandomHash, targets: rosters.targets.length, inspectors: rosters.inspectors.length, conflicts: rosters.conflicts.length },
    };
  },
});

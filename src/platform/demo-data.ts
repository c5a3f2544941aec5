/**
 * Loads the modules' demo steps (manifest `demo`) into a new database: in the order declared,
 * each step as soon as everything it needs has been made by an earlier one.
 */
import type { Db } from './db/engine.js';
import type { DemoMade, DemoStep } from './manifest.js';

/** Runs every step once; refuses, before loading anything, a step that needs what no step makes. */
export async function loadDemoSteps(db: Db, steps: readonly DemoStep[], progress: (step: string) => (done: number, total: number) => void = () => () => {}): Promise<DemoMade> {
  const makers = new Set(steps.flatMap((s) => s.makes ?? []));
  for (const step of steps) {
    const missing = (step.needs ?? []).find((n) => !makers.has(n));
    if (missing) throw new Error(`demo step "${step.name}" needs ${missing}, which no step makes`);
  }
  const made: Record<string, unknown> = {};
  const pending = [...steps];
  while (pending.length > 0) {
    const i = pending.findIndex((s) => (s.needs ?? []).every((n) => n in made));
    if (i < 0) throw new Error(`demo steps ${pending.map((s) => `"${s.name}"`).join(', ')} wait for each other`);
    const [step] = pending.splice(i, 1);
    const result = (await step.load(db, made, progress(step.name))) ?? {};
    for (const name of step.makes ?? []) {
      if (!(name in result)) throw new Error(`demo step "${step.name}" did not make ${name}`);
      made[name] = result[name];
    }
  }
  return made;
}

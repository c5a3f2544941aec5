import { describe, expect, it } from 'vitest';
import type { Db } from './db/engine.js';
import type { DemoStep } from './manifest.js';
import { loadDemoSteps } from './demo-data.js';

const db = {} as Db;

describe('loading the modules\' demo steps', () => {
  it('runs each step once, in declared order but after what it needs, handing it what earlier steps made', async () => {
    const ran: string[] = [];
    const steps: DemoStep[] = [
      { name: 'articles', needs: ['offices'], load: async (_db, made) => { ran.push(`articles for ${Object.keys(made.offices as object).join()}`); } },
      { name: 'settings', load: async () => { ran.push('settings'); } },
      { name: 'organisation', makes: ['offices', 'users'], load: async () => { ran.push('organisation'); return { offices: { centre: 1 }, users: ['admin'] }; } },
      { name: 'cases', needs: ['users', 'offices'], load: async (_db, made) => { ran.push(`cases by ${(made.users as string[]).join()}`); } },
    ];
    const made = await loadDemoSteps(db, steps);
    expect(ran).toEqual(['settings', 'organisation', 'articles for centre', 'cases by admin']);
    expect(made).toEqual({ offices: { centre: 1 }, users: ['admin'] });
  });

  it('refuses before loading anything a step that needs what no step makes', async () => {
    const ran: string[] = [];
    const steps: DemoStep[] = [
      { name: 'organisation', makes: ['offices'], load: async () => { ran.push('organisation'); return { offices: {} }; } },
      { name: 'visits', needs: ['enterprises'], load: async () => { ran.push('visits'); } },
    ];
    await expect(loadDemoSteps(db, steps)).rejects.toThrow('demo step "visits" needs enterprises, which no step makes');
    expect(ran).toEqual([]);
  });

  it('refuses steps that wait for each other, and a step that does not make what it declares', async () => {
    await expect(loadDemoSteps(db, [
      { name: 'a', needs: ['y'], makes: ['x'], load: async () => ({ x: 1 }) },
      { name: 'b', needs: ['x'], makes: ['y'], load: async () => ({ y: 1 }) },
    ])).rejects.toThrow('demo steps "a", "b" wait for each other');
    await expect(loadDemoSteps(db, [{ name: 'a', makes: ['x'], load: async () => ({}) }])).rejects.toThrow('demo step "a" did not make x');
  });
});

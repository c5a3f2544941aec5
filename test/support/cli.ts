import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `qinqing …` as an operator would: its own Node process, only the given environment (plus PATH and HOME). */
export function qinqing(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return qinqingIn(ROOT, env, ...args);
}

/** `qinqing …` run from the directory `cwd` (relative file arguments are the operator's). */
export function qinqingIn(cwd: string, env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/qinqing.mjs'), ...args], {
      cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', USER: 'tester', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Operators' commands while the embedded server runs. The serving process owns its data
 * directory (platform/db/data-dir-lock.ts); rather than open the files a second time, a command
 * sends its arguments over a Unix socket in the directory (mode 0600: only the account that runs
 * the server, or root, may connect) and the server runs it in-process, on its own database
 * connection, streaming the output back. One JSON object per line each way: the request
 * `{argv, cwd, isTTY}`, then `{out}` / `{err}` lines and a closing `{exit}` or `{fail}`.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { createInterface } from 'node:readline';
import type { Terminal } from '../platform/manifest.js';

/** Unix socket paths are limited to 107 bytes on Linux. */
const MAX_SOCKET_PATH = 100;

interface Request {
  argv: string[];
  cwd: string;
  isTTY: boolean;
}

/** What a failed command reports, so the operator's side prints it as if it had failed there. */
export interface RemoteFailure {
  message: string;
  messageZh?: string;
  messageEn?: string;
  usage?: boolean;
}

export type RunCommand = (argv: string[], ctx: Terminal & { cwd: string }) => Promise<number>;

/** Listens at `path` (replacing a socket a killed server left); null when the path is too long for a socket. */
export async function serveAdminSocket(path: string, run: RunCommand, describeFailure: (e: unknown) => RemoteFailure): Promise<Server | null> {
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return null;
  rmSync(path, { force: true });
  const server = createServer((socket) => {
    const send = (message: object) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
    };
    const lines = createInterface({ input: socket });
    lines.once('line', (line) => {
      let request: Request;
      try {
        request = JSON.parse(line) as Request;
        if (!Array.isArray(request.argv) || typeof request.cwd !== 'string') throw new Error('bad request');
      } catch {
        send({ fail: { message: 'the admin socket takes one JSON request: {"argv": [...], "cwd": "..."}' } });
        socket.end();
        return;
      }
      run(request.argv, { cwd: request.cwd, isTTY: !!request.isTTY, out: (text) => send({ out: text }), err: (text) => send({ err: text }) })
        .then((code) => send({ exit: code }), (e) => send({ fail: describeFailure(e) }))
        .finally(() => socket.end());
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  return server;
}

/** Runs a command in the serving process behind `path`; answers its exit code, or rejects with its failure. */
export function runThroughServer(path: string, argv: string[], terminal: Terminal & { cwd: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    socket.on('connect', () => socket.write(`${JSON.stringify({ argv, cwd: terminal.cwd, isTTY: terminal.isTTY } satisfies Request)}\n`));
    socket.on('error', (e) => settle(() => reject(e)));
    createInterface({ input: socket }).on('line', (line) => {
      const m = JSON.parse(line) as { out?: string; err?: string; exit?: number; fail?: RemoteFailure };
      if (m.out !== undefined) terminal.out(m.out);
      else if (m.err !== undefined) terminal.err(m.err);
      else if (m.exit !== undefined) settle(() => resolve(m.exit!));
      else if (m.fail) settle(() => reject(Object.assign(new Error(m.fail!.message), m.fail)));
    });
    socket.on('close', () => settle(() => reject(new Error('the server closed the admin socket before the command finished'))));
  });
}

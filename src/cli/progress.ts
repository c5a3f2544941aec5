import type { Terminal } from '../platform/manifest.js';

/** This process's own stdout and stderr. */
export const PROCESS_TERMINAL: Terminal = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (text) => process.stderr.write(text),
  isTTY: !!process.stderr.isTTY,
};

/**
 * A progress line on stderr for long work (demo data, backup, audit verify): redrawn in place on
 * a terminal, printed every tenth otherwise so CI logs stay short.
 */
export function progressBar(label: string, terminal: Pick<Terminal, 'err' | 'isTTY'> = PROCESS_TERMINAL) {
  const stream = { write: terminal.err, isTTY: terminal.isTTY };
  let lastDecile = -1;
  let lastDraw = 0;
  return {
    update(done: number, total: number) {
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const now = Date.now();
        if (now - lastDraw < 50 && done < total) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
        if (done >= total) stream.write('\n');
      } else {
        const decile = Math.floor(ratio * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${label}: ${done}/${total} (${Math.round(ratio * 100)}%)\n`);
        }
      }
    },
  };
}

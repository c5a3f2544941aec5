/** Latency percentiles and rates for benchmark output. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

export function summarise(label: string, latenciesMs: number[], elapsedMs: number): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const rate = (latenciesMs.length / elapsedMs) * 1000;
  return `${label.padEnd(48)} ${rate.toFixed(0).padStart(8)}/s   p50 ${percentile(sorted, 50).toFixed(2)} ms   p99 ${percentile(sorted, 99).toFixed(2)} ms   (n=${latenciesMs.length})`;
}

/** Runs `op` with `concurrency` workers until `total` operations are done; returns latencies and elapsed time. */
export async function drive(total: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < total; i = next++) {
      const t0 = performance.now();
      await op(i);
      latencies.push(performance.now() - t0);
    }
  }));
  return { latencies, elapsedMs: performance.now() - start };
}

/** Working-day arithmetic, called for every open case on each deadline sweep. Baseline: a Set lookup. */
import { builtinArrangements } from '../src/calendar/builtin.js';
import { addWorkingDays, addWorkingHours, createWorkingCalendar, isWorkingDay } from '../src/calendar/rules.js';

function rate(label: string, n: number, fn: (i: number) => unknown) {
  for (let i = 0; i < Math.min(n, 10_000); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(48)} ${((n / ms) * 1000).toFixed(0).padStart(10)}/s   ${((ms / n) * 1000).toFixed(2)} µs each`);
}

export async function run() {
  const cal = createWorkingCalendar(builtinArrangements());
  const dates = Array.from({ length: 1000 }, (_, i) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
  const set = new Set(dates.filter((_, i) => i % 7 < 5));
  rate('baseline: Set.has of an ISO date', 1_000_000, (i) => set.has(dates[i % 1000]));
  rate('isWorkingDay', 1_000_000, (i) => isWorkingDay(cal, dates[i % 1000]));
  rate('addWorkingDays(date, 20)', 200_000, (i) => addWorkingDays(cal, dates[i % 1000], 20));
  const instants = dates.map((d) => new Date(`${d}T10:15:00+08:00`));
  rate('addWorkingHours(instant, 2)', 200_000, (i) => addWorkingHours(cal, instants[i % 1000], 2));
}

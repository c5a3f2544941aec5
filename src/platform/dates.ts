/**
 * Beijing's calendar day (UTC+8 all year, no daylight saving): the day every working-day rule,
 * validity and "today" of the platform is judged on, whatever the server's own time zone.
 */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

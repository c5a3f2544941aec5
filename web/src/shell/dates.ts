/** Today's date in Beijing (YYYY-MM-DD): the day the server's rules count in, whatever the browser's time zone. */
export const beijingToday = (now = Date.now()) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

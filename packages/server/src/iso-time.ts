/**
 * `new Date(ms).toISOString()` without the Date: every audit event carries its time, and V8's
 * own formatting costs about half a microsecond, a sixth of the three HMACs a wrong code costs.
 * The date part changes once a day and is kept; the time of day is plain arithmetic.
 */

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00Z: from there on `toISOString` writes six-digit years. */
const YEAR_10000_MS = 253_402_300_800_000;

let cachedDay = Number.NaN;
let cachedPrefix = '';

function two(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}

/**
 * The same string as `new Date(ms).toISOString()` (`2026-01-01T12:34:56.789Z`), also throwing
 * the same `RangeError` for a time that is not valid.
 */
export function isoTime(ms: number): string {
  // Outside whole milliseconds of years 1970–9999 the Date's own rules (truncation, six-digit
  // years, invalid times) apply.
  if (!Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    cachedDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const fraction = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${cachedPrefix}${two(hours)}:${two(minutes)}:${two(seconds)}.${fraction}Z`;
}

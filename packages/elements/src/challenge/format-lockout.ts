/**
 * The times of a lock-out in the reader's locale: how long is left, and when it ends. Apart from
 * `format.ts` because only the lock-out view (loaded on first need) shows them.
 */
import { formatDateTime } from '../shared/format.js';

/**
 * A time of day with seconds, e.g. "2:00:30 PM" (lock-outs can be short); the date is added when
 * it is not today.
 */
export function formatTime(date: Date, locale: string, now: number): string {
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay ? new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(date) : formatDateTime(date, locale);
}

interface DurationFormatLike {
  format(duration: Record<string, number>): string;
}

/**
 * A duration rounded up to whole seconds, e.g. "4 minutes, 12 seconds". Uses
 * `Intl.DurationFormat` where the browser has it, else joins `Intl.NumberFormat` units.
 */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts: Record<string, number> = {};
  if (hours) parts.hours = hours;
  if (hours || minutes) parts.minutes = minutes;
  parts.seconds = seconds;
  const DurationFormat = (Intl as unknown as { DurationFormat?: new (l: string, o: object) => DurationFormatLike })
    .DurationFormat;
  if (DurationFormat) return new DurationFormat(locale, { style: 'long' }).format(parts);
  const units: Record<string, string> = { hours: 'hour', minutes: 'minute', seconds: 'second' };
  return Object.entries(parts)
    .map(([unit, value]) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit]!, unitDisplay: 'long' }).format(value),
    )
    .join(' ');
}

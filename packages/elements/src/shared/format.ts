/**
 * Dates and durations in the reader's locale through `Intl`, so that "until 3 March, 14:00"
 * and "4 minutes, 12 seconds" read naturally in every language without catalogue entries.
 */

/** A date and time, e.g. "Mar 3, 2026, 2:00 PM" in `en`. */
export function formatDateTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A date alone, e.g. "Mar 3, 2026". */
export function formatDate(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

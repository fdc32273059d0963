/**
 * Whether `year`-`month`-`day` (month 1–12) is a day of the calendar. `Date` rolls an
 * impossible day over ("2025-02-30" becomes 2 March), so a date read from an article or a page
 * is checked by the round trip: a real day comes back as it went in. Every date reader
 * (front matter, feeds and pages, dates written in words) checks with this.
 */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

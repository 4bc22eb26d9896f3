/**
 * ISO 8601 weeks in UTC: `YYYY-Www` ↔ the half-open window [Monday 00:00, next Monday 00:00). The
 * weekly review's unit; the default is the last complete week before now (what a Monday cron job
 * reviews).
 */
import { DAY_MS } from "../core/clock.ts";
import { UsageError } from "../core/errors.ts";

export interface IsoWeek {
  /** e.g. 2025-W17 */
  label: string;
  from: number;
  /** Exclusive. */
  to: number;
}

const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of ISO week 1 of `year` (the week holding 4 January). */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - dow * DAY_MS;
}

/** The ISO week holding time `t`. */
export function weekOf(t: number): IsoWeek {
  const day = Math.floor(t / DAY_MS) * DAY_MS;
  const dow = (new Date(day).getUTCDay() + 6) % 7;
  const monday = day - dow * DAY_MS;
  // The ISO year is the year of the week's Thursday.
  const year = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const n = Math.round((monday - week1Monday(year)) / WEEK_MS) + 1;
  return { label: `${year}-W${String(n).padStart(2, "0")}`, from: monday, to: monday + WEEK_MS };
}

/** `YYYY-Www` (also `YYYYWww`), or a UsageError naming `flag` and the value. */
export function parseWeek(flag: string, text: string): IsoWeek {
  const m = /^(\d{4})-?W(\d{2})$/i.exec(text.trim());
  const fail = () =>
    new UsageError(`${flag} ${text}: expected an ISO week YYYY-Www (e.g. 2025-W17), weeks 01–52 or 53`);
  if (!m) throw fail();
  const year = Number(m[1]);
  const n = Number(m[2]);
  const from = week1Monday(year) + (n - 1) * WEEK_MS;
  if (n < 1 || weekOf(from).label !== `${year}-W${m[2]}`) throw fail();
  return { label: `${year}-W${m[2]}`, from, to: from + WEEK_MS };
}

/** The last week that has ended by `now`. */
export function lastCompleteWeek(now: number): IsoWeek {
  return weekOf(weekOf(now).from - 1);
}

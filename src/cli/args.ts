/** Parsing of list and date flags shared by subcommands; a malformed value is a UsageError (exit 2). */
import { UsageError } from "../core/errors.ts";

export function parseList(flag: string, value: string | undefined): string[] | null {
  if (value === undefined || value === "") return null;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError(`--${flag}: expected a comma-separated list`);
  return items;
}

/** YYYY-MM-DD or a full ISO time, always UTC. */
export function parseDate(flag: string, value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const t = Date.parse(iso);
  if (Number.isNaN(t))
    throw new UsageError(`--${flag}: "${value}" is not a date (use YYYY-MM-DD or ISO 8601, UTC)`);
  return t;
}

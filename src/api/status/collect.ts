/**
 * Gathers what `hlbot status` shows — health, open positions, today's performance — from the
 * running daemon's API, or, when nothing listens there (connection refused), from the ledger
 * opened read-only through the very same app in-process, so both paths give identical shapes.
 */
import type { Hono } from "hono";
import { BotError } from "../../core/errors.ts";

export interface StatusReport {
  /** Where the figures came from: the daemon's API URL, or the ledger path. */
  source: { kind: "api" | "ledger"; location: string };
  health: Record<string, unknown>;
  positions: Record<string, unknown>;
  today: Record<string, unknown>;
}

/** The API answered with something other than 200 (wrong token, bad gateway, …). */
export class StatusFetchError extends BotError {
  readonly kind = "status_fetch";
}

export interface CollectOptions {
  url: string;
  token?: string | undefined;
  /** Start of "today" (ms UTC) for the performance figures. */
  since: number;
  timeoutMs: number;
  /** Builds the in-process app over the read-only ledger, called only when the API is down. */
  openLedgerApp: () => { app: Hono; location: string; close: () => void };
}

function paths(since: number): [keyof Omit<StatusReport, "source">, string][] {
  return [
    ["health", "/health"],
    ["positions", "/positions"],
    ["today", `/performance?since=${since}`],
  ];
}

export async function collectStatus(o: CollectOptions): Promise<StatusReport> {
  const headers: Record<string, string> = o.token ? { Authorization: `Bearer ${o.token}` } : {};
  const base = o.url.replace(/\/+$/, "");
  try {
    const report = { source: { kind: "api", location: base } } as StatusReport;
    for (const [key, path] of paths(o.since)) {
      const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(o.timeoutMs) });
      if (res.status !== 200) throw new StatusFetchError(`${base}${path} answered HTTP ${res.status}`);
      report[key] = (await res.json()) as Record<string, unknown>;
    }
    return report;
  } catch (error) {
    if (!isConnectionRefused(error)) throw error;
  }
  const { app, location, close } = o.openLedgerApp();
  try {
    const report = { source: { kind: "ledger", location } } as StatusReport;
    for (const [key, path] of paths(o.since)) {
      const res = await app.request(path, { headers });
      report[key] = (await res.json()) as Record<string, unknown>;
    }
    return report;
  } finally {
    close();
  }
}

function isConnectionRefused(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ConnectionRefused" || code === "ECONNREFUSED";
}

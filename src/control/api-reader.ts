/**
 * Reads the API's JSON — over HTTP from a running daemon or `hlbot serve`, or in-process from an
 * app over the ledger — so the Telegram commands and `hlbot tui` show exactly what /health,
 * /positions, /performance … serve, from the same queries.
 */
import type { Hono } from "hono";
import { BotError } from "../core/errors.ts";

export interface ApiReader {
  /** Where the figures come from: the API URL or the ledger path. */
  readonly source: { kind: "api" | "ledger"; location: string };
  get<T = unknown>(path: string): Promise<T>;
}

export class ApiReadError extends BotError {
  readonly kind = "api_read";
}

export function appReader(app: Hono, location: string): ApiReader {
  return {
    source: { kind: "ledger", location },
    async get<T>(path: string) {
      const res = await app.request(path);
      if (res.status !== 200) throw new ApiReadError(`${path}: HTTP ${res.status}`);
      return (await res.json()) as T;
    },
  };
}

export function httpReader(url: string, token: string | undefined, timeoutMs: number): ApiReader {
  const base = url.replace(/\/+$/, "");
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return {
    source: { kind: "api", location: base },
    async get<T>(path: string) {
      const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(timeoutMs) });
      if (res.status !== 200) throw new ApiReadError(`${base}${path} answered HTTP ${res.status}`);
      return (await res.json()) as T;
    },
  };
}

/** Whether `url` has an API listening (anything but a refused connection counts as yes). */
export async function apiListening(url: string, timeoutMs: number): Promise<boolean> {
  try {
    await fetch(`${url.replace(/\/+$/, "")}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return !(code === "ConnectionRefused" || code === "ECONNREFUSED");
  }
}

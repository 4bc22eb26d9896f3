/**
 * Serves an API app with Bun.serve. Loopback (127.0.0.1:8931) by default; any other address is
 * refused unless the caller passes `allowRemote` (the `--allow-remote` flag) AND a bearer token is
 * configured — the app built from the same config then enforces it on every data route.
 *
 * @example
 * const server = startApiServer(app, config.api, { allowRemote: args["allow-remote"] });
 * log.info(`API on ${server.url}`); ... await server.stop();
 */
import type { Hono } from "hono";
import { ApiBindError } from "./errors.ts";

export interface ApiBindConfig {
  host: string;
  port: number;
  token?: string | undefined;
}

export interface ServeOptions {
  /** Explicit consent to bind beyond loopback (`--allow-remote`). */
  allowRemote?: boolean;
  /** Overrides of config host/port (CLI flags; port 0 picks a free port, for tests). */
  host?: string | undefined;
  port?: number | undefined;
}

export interface ApiServer {
  /** Base URL, e.g. http://127.0.0.1:8931 */
  readonly url: string;
  readonly hostname: string;
  readonly port: number;
  stop(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(["localhost", "::1", "[::1]"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Throws ApiBindError (exit 2) when `startApiServer` would refuse the bind; callers check before creating anything. */
export function assertBindAllowed(config: ApiBindConfig, options: ServeOptions = {}): void {
  const hostname = options.host ?? config.host;
  if (!isLoopback(hostname)) {
    if (!options.allowRemote) {
      throw new ApiBindError(
        `refusing to bind the API to ${hostname}: only loopback is allowed without --allow-remote (use an SSH tunnel instead)`,
      );
    }
    if (!config.token) {
      throw new ApiBindError(
        `refusing to bind the API to ${hostname}: a remote bind needs a bearer token (set HLBOT_API__TOKEN, ≥ 16 characters)`,
      );
    }
  }
}

export function startApiServer(app: Hono, config: ApiBindConfig, options: ServeOptions = {}): ApiServer {
  const hostname = options.host ?? config.host;
  const port = options.port ?? config.port;
  assertBindAllowed(config, options);
  let server: ReturnType<typeof Bun.serve>;
  try {
    // reusePort off explicitly: in production mode Bun would otherwise let a second hlbot share the port.
    server = Bun.serve({ hostname, port, fetch: app.fetch, development: false, reusePort: false });
  } catch (cause) {
    throw new ApiBindError(`cannot listen on ${hostname}:${port}: ${(cause as Error).message}`, { cause });
  }
  const host = hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname;
  return {
    url: `http://${host}:${server.port}`,
    hostname,
    port: server.port ?? port,
    stop: () => server.stop(true),
  };
}

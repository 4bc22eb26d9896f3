/** An API app over the real-data ledger fixture, with a manual clock just after its last bar. */
import type { Hono } from "hono";
import { createApiApp } from "../../../src/api/app.ts";
import { ledgerHealthSource } from "../../../src/api/standalone.ts";
import type { ApiDeps } from "../../../src/api/types.ts";
import { ManualClock } from "../../../src/core/clock.ts";
import { scratchDir } from "../../support/paths.ts";
import { buildLedgerFixture, type FixtureOptions, type LedgerFixture } from "./ledger-fixture.ts";

export interface FixtureApp {
  app: Hono;
  fixture: LedgerFixture;
  clock: ManualClock;
  deps: ApiDeps;
  /** GET `path` and parse the JSON body, failing the test on a non-200. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read our own JSON field by field
  json(path: string): Promise<any>;
}

export function fixtureApp(options: FixtureOptions & { overrides?: Partial<ApiDeps> } = {}): FixtureApp {
  const fixture = buildLedgerFixture(scratchDir("hlbot-api-"), options);
  const clock = new ManualClock(fixture.end + 20_000);
  const deps: ApiDeps = {
    db: fixture.db,
    ledgerPath: fixture.path,
    candidatesPath: fixture.candidatesPath,
    tickSeconds: 30,
    health: ledgerHealthSource(fixture.db, clock, fixture.end - 3_600_000),
    clock,
    api: { dashboardRefreshSeconds: 10 },
    ...options.overrides,
  };
  const app = createApiApp(deps);
  return {
    app,
    fixture,
    clock,
    deps,
    async json(path: string) {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
}

/**
 * The whole configuration: one strict zod object composed of per-concern sections. Every number the
 * bot uses is a named default here (or in a section), never a literal in code. Unknown keys are errors.
 */
import * as z from "zod";
import { AlertsSection } from "./sections/alerts.ts";
import { ApiSection } from "./sections/api.ts";
import { DaemonSection } from "./sections/daemon.ts";
import { EngineSection } from "./sections/engine.ts";
import { EntriesSection } from "./sections/entries.ts";
import { ExitsSection } from "./sections/exits.ts";
import { FeaturesSection } from "./sections/features.ts";
import { FrictionSection } from "./sections/friction.ts";
import { LedgerSection } from "./sections/ledger.ts";
import { LiveSection } from "./sections/live.ts";
import { LogSection } from "./sections/log.ts";
import { MarketDataSection } from "./sections/market-data.ts";
import { MiningSection } from "./sections/mining.ts";
import { PredictionMarketsSection } from "./sections/prediction-markets.ts";
import { RegimeSection } from "./sections/regime.ts";
import { RiskSection } from "./sections/risk.ts";
import { SessionsSection } from "./sections/sessions.ts";
import { checkSignalConfig } from "./sections/signals-check.ts";
import { StrategiesSection } from "./sections/strategies.ts";
import { checkVenue, VenueSection } from "./sections/venue.ts";

export const ConfigSchema = z
  .strictObject({
    engine: EngineSection.prefault({}),
    risk: RiskSection.prefault({}),
    exits: ExitsSection.prefault({}),
    entries: EntriesSection.prefault({}),
    friction: FrictionSection.prefault({}),
    hyperliquid: VenueSection.prefault({}),
    live: LiveSection.prefault({}),
    api: ApiSection.prefault({}),
    ledger: LedgerSection.prefault({}),
    log: LogSection.prefault({}),
    alerts: AlertsSection.prefault({}),
    market_data: MarketDataSection.prefault({}),
    daemon: DaemonSection.prefault({}),
    mining: MiningSection.prefault({}),
    features: FeaturesSection.prefault({}),
    sessions: SessionsSection.prefault({}),
    regime: RegimeSection.prefault({}),
    prediction_markets: PredictionMarketsSection.prefault({}),
    strategies: StrategiesSection.prefault({}),
  })
  .superRefine((cfg, ctx) => {
    checkSignalConfig(cfg, ctx);
    checkVenue(cfg.hyperliquid, ctx);
    if (cfg.daemon.connect_retry_initial_ms > cfg.daemon.connect_retry_max_ms) {
      ctx.addIssue({
        code: "custom",
        path: ["daemon", "connect_retry_initial_ms"],
        message: "above daemon.connect_retry_max_ms",
      });
    }
  });

export type ConfigInput = z.input<typeof ConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;

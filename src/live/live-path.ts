/**
 * The live path wired for the daemon: the Hyperliquid book the engine trades through, the executor
 * that sends its intents, and the reconciler that keeps ledger and exchange in agreement. The daemon
 * calls start() once, beforeTick() and afterTick() around every engine tick.
 */
import type { Database } from "bun:sqlite";
import type { Config } from "../config/schema.ts";
import type { AssetMeta } from "../core/assets.ts";
import type { Clock } from "../core/clock.ts";
import { SecretError } from "../core/errors.ts";
import type { EquityTracker } from "../engine/account.ts";
import type { Journal } from "../engine/ports.ts";
import type { Position } from "../engine/position.ts";
import type { HyperliquidClient } from "../hyperliquid/client.ts";
import { log } from "../log.ts";
import { LiveExecutor } from "./executor.ts";
import { HyperliquidBook } from "./hyperliquid-book.ts";
import { Reconciler } from "./reconciler.ts";

export interface LivePathDeps {
  config: Config;
  client: HyperliquidClient;
  db: Database;
  journal: Journal;
  clock: Clock;
  account: EquityTracker;
  modelVersion: string;
  /** Live positions the ledger holds open (restored at start). */
  restored: Position[];
}

export interface LivePath {
  readonly book: HyperliquidBook;
  start(): Promise<void>;
  beforeTick(): Promise<void>;
  afterTick(): Promise<void>;
}

export async function createLivePath(deps: LivePathDeps): Promise<LivePath> {
  const { client, config, clock } = deps;
  const account = client.accountAddress;
  if (!account) throw new SecretError("the live path needs HL_ACCOUNT_ADDRESS and HL_PRIVATE_KEY");
  const meta = await client.info.meta();
  const assets = new Map<string, AssetMeta>(
    meta.universe.map((a) => [
      a.name,
      { name: a.name, szDecimals: a.szDecimals, maxLeverage: a.maxLeverage },
    ]),
  );
  const book = new HyperliquidBook({
    config,
    clock,
    journal: deps.journal,
    account: deps.account,
    assets,
    modelVersion: deps.modelVersion,
  });
  book.open = [...deps.restored];
  const exchange = await client.exchange();
  const executor = new LiveExecutor(
    book,
    exchange,
    deps.db,
    deps.journal,
    clock,
    config.friction.taker_fee_bps,
  );
  const reconciler = new Reconciler(
    book,
    executor,
    client.info,
    account,
    deps.db,
    deps.journal,
    clock,
    config,
  );
  let lastReconcile = Number.NEGATIVE_INFINITY;
  const leverageSet = new Set<string>();

  return {
    book,
    async start() {
      await reconciler.reconcile();
      lastReconcile = clock.now();
      await client.refreshDeadMansSwitch();
    },
    async beforeTick() {
      if (clock.now() - lastReconcile >= config.live.reconcile_seconds * 1000) {
        await reconciler.reconcile();
        lastReconcile = clock.now();
      } else await reconciler.sync();
      await client.refreshDeadMansSwitch();
    },
    async afterTick() {
      for (const intent of book.queue) {
        if (intent.kind !== "entry" || leverageSet.has(intent.plan.candidate.coin)) continue;
        const coin = intent.plan.candidate.coin;
        const lev = Math.min(config.risk.max_leverage, assets.get(coin)?.maxLeverage ?? 1);
        try {
          await exchange.updateLeverage(coin, Math.max(1, Math.floor(lev)), "isolated");
          leverageSet.add(coin);
        } catch (error) {
          log.warn(`could not set ${coin} leverage to ${lev}x isolated`, { error });
        }
      }
      await executor.flush();
    },
  };
}

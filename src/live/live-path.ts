/**
 * The live path wired for the daemon: the Hyperliquid book the engine trades through, the executor
 * that sends its intents, the reconciler that keeps ledger and exchange in agreement and the leverage
 * guard, and the poller of resting maker entries. Creating it checks that the key may trade the account; start() reconciles (adopting,
 * flattening or protecting what the exchange holds), sets every traded coin's leverage and arms the
 * dead-man switch. The daemon calls beforeTick() and afterTick() around every engine tick, and
 * discard() when the tick's ledger transaction rolled back — its intents are then never sent.
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
import { type LiveEventSink, LiveEvents } from "./events.ts";
import { LiveExecutor } from "./executor.ts";
import { HyperliquidBook } from "./hyperliquid-book.ts";
import { LeverageGuard } from "./leverage.ts";
import { MakerEntries } from "./maker-entries.ts";
import { Reconciler } from "./reconciler.ts";
import { verifySigner } from "./signer-check.ts";

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
  /** Where live events go besides the log (the daemon forwards them to alerting). */
  onEvent?: LiveEventSink;
}

export interface LivePath {
  readonly book: HyperliquidBook;
  readonly leverage: LeverageGuard;
  start(): Promise<void>;
  beforeTick(): Promise<void>;
  afterTick(): Promise<void>;
  /** The tick rolled back: drop what it queued, take the open positions back from the ledger. */
  discard(restored: Position[]): void;
}

export async function createLivePath(deps: LivePathDeps): Promise<LivePath> {
  const { client, config, clock } = deps;
  const account = client.accountAddress;
  const signer = client.signerAddress;
  if (!account || !signer) throw new SecretError("the live path needs HL_ACCOUNT_ADDRESS and HL_PRIVATE_KEY");
  await verifySigner(client.info, signer, account);
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
  const events = new LiveEvents(clock, deps.onEvent ?? null);
  const executor = new LiveExecutor({
    book,
    exchange,
    info: client.info,
    account,
    db: deps.db,
    journal: deps.journal,
    clock,
    takerFeeBps: config.friction.taker_fee_bps,
    events,
  });
  const reconciler = new Reconciler(
    book,
    executor,
    client.info,
    account,
    deps.db,
    deps.journal,
    clock,
    config,
    events,
  );
  const makers = new MakerEntries({
    book,
    executor,
    exchange,
    info: client.info,
    account,
    db: deps.db,
    clock,
    config,
  });
  const leverage = new LeverageGuard(exchange, assets, config.risk.max_leverage, events);
  book.entryRefusal = (coin) => leverage.refusal(coin);
  let lastReconcile = Number.NEGATIVE_INFINITY;

  return {
    book,
    leverage,
    async start() {
      // Resting maker entries first: reconciliation must not adopt their fills or cancel them as orphans.
      makers.recover();
      await makers.poll();
      await reconciler.reconcile();
      lastReconcile = clock.now();
      const state = await client.info.clearinghouseState(account);
      await leverage.setAll(
        config.engine.coins,
        state.assetPositions.map((a) => a.position),
      );
      await client.refreshDeadMansSwitch();
    },
    async beforeTick() {
      await makers.poll();
      const periodic = clock.now() - lastReconcile >= config.live.reconcile_seconds * 1000;
      if (periodic) {
        await reconciler.reconcile();
        lastReconcile = clock.now();
      } else await reconciler.sync();
      await leverage.retry(periodic);
      await client.refreshDeadMansSwitch();
    },
    async afterTick() {
      await executor.flush();
    },
    discard(restored) {
      book.queue = [];
      book.open = [...restored];
    },
  };
}

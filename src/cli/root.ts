/**
 * The `hlbot` command: citty root with one lazily loaded file per subcommand. Each subcommand is
 * imported only when it runs (or for `--help`), so `hlbot --version` and `hlbot serve` do not pay
 * for loading the TUI, the backtester and the exchange client they never use.
 */
import { defineCommand } from "citty";
import { VERSION } from "../core/version.ts";

export const root = defineCommand({
  meta: {
    name: "hlbot",
    version: VERSION,
    description: "Hyperliquid perpetuals trading bot — backtest, shadow and live on one engine",
  },
  subCommands: {
    alerts: () => import("./alerts.ts").then((m) => m.alertsCommand),
    backfill: () => import("./backfill.ts").then((m) => m.backfillCommand),
    backtest: () => import("./backtest.ts").then((m) => m.backtestCommand),
    compare: () => import("./compare.ts").then((m) => m.compareCommand),
    config: () => import("./config-check.ts").then((m) => m.configCommand),
    ctl: () => import("./ctl.ts").then((m) => m.ctlCommand),
    demo: () => import("./demo.ts").then((m) => m.demoCommand),
    exchange: () => import("./exchange.ts").then((m) => m.exchangeCommand),
    explain: () => import("./explain.ts").then((m) => m.explainCommand),
    import: () => import("./import.ts").then((m) => m.importCommand),
    mine: () => import("./mine.ts").then((m) => m.mineCommand),
    promote: () => import("./promote.ts").then((m) => m.promoteCommand),
    research: () => import("./research.ts").then((m) => m.researchCommand),
    resume: () => import("./resume.ts").then((m) => m.resumeCommand),
    review: () => import("./review.ts").then((m) => m.reviewCommand),
    runs: () => import("./runs.ts").then((m) => m.runsCommand),
    serve: () => import("./serve.ts").then((m) => m.serveCommand),
    status: () => import("./status.ts").then((m) => m.statusCommand),
    trade: () => import("./trade.ts").then((m) => m.tradeCommand),
    tui: () => import("./tui.ts").then((m) => m.tuiCommand),
  },
});

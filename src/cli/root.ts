/** The `hlbot` command: citty root with one lazily loaded file per subcommand. */
import { defineCommand } from "citty";
import { VERSION } from "../core/version.ts";
import { alertsCommand } from "./alerts.ts";
import { backfillCommand } from "./backfill.ts";
import { backtestCommand } from "./backtest.ts";
import { compareCommand } from "./compare.ts";
import { configCommand } from "./config-check.ts";
import { ctlCommand } from "./ctl.ts";
import { demoCommand } from "./demo.ts";
import { exchangeCommand } from "./exchange.ts";
import { explainCommand } from "./explain.ts";
import { importCommand } from "./import.ts";
import { mineCommand } from "./mine.ts";
import { promoteCommand } from "./promote.ts";
import { researchCommand } from "./research.ts";
import { resumeCommand } from "./resume.ts";
import { reviewCommand } from "./review.ts";
import { runsCommand } from "./runs.ts";
import { serveCommand } from "./serve.ts";
import { statusCommand } from "./status.ts";
import { tradeCommand } from "./trade.ts";
import { tuiCommand } from "./tui.ts";

export const root = defineCommand({
  meta: {
    name: "hlbot",
    version: VERSION,
    description: "Hyperliquid perpetuals trading bot — backtest, shadow and live on one engine",
  },
  subCommands: {
    alerts: alertsCommand,
    backfill: backfillCommand,
    backtest: backtestCommand,
    compare: compareCommand,
    config: configCommand,
    ctl: ctlCommand,
    demo: demoCommand,
    exchange: exchangeCommand,
    explain: explainCommand,
    import: importCommand,
    mine: mineCommand,
    promote: promoteCommand,
    research: researchCommand,
    resume: resumeCommand,
    review: reviewCommand,
    runs: runsCommand,
    serve: serveCommand,
    status: statusCommand,
    trade: tradeCommand,
    tui: tuiCommand,
  },
});

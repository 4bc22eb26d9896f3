/** Position sizing and the halts that protect the account. */
import * as z from "zod";
import { ClusterRiskFields } from "./cluster-risk.ts";

export const RiskSection = z.strictObject({
  /** Fraction of equity lost if a position is stopped out at its stop (1R). */
  risk_fraction: z.number().positive().max(0.1).default(0.01),
  /** Most positions open at once, per mode. */
  max_positions: z.number().int().min(1).max(100).default(4),
  /** Most leverage any one position may use (further capped by the exchange's max). */
  max_leverage: z.number().positive().max(50).default(5),
  /** Largest notional (USDC) for one position. */
  max_notional_usd: z.number().positive().default(50_000),
  /** Drawdown from peak equity (fraction) that flattens live positions and halts until `hlbot resume`. */
  drawdown_floor: z.number().positive().max(1).default(0.15),
  /** Loss in one UTC day (fraction of the day's start equity) that stops new entries until rollover. */
  daily_loss_limit: z.number().positive().max(1).default(0.03),
  /** Minutes a coin is locked after a stop-loss exit. */
  cooldown_after_stop_minutes: z.number().int().min(0).default(60),
  /** Hours after which an open position is closed at market. */
  position_timeout_hours: z.number().positive().default(48),
  /** Consecutive losing weeks that block start-up unless `--force`. */
  losing_weeks_halt: z.number().int().min(1).default(3),
  /** Size multiplier for buckets in PROBATION. */
  probation_size_multiplier: z.number().positive().max(1).default(0.25),
  ...ClusterRiskFields,
});

/**
 * The trade and decision rows the pages read: the API's JSON (GET /trades, /positions,
 * /decisions/:id), which the HTML report embeds in the same shape, so one component reads both.
 */
export interface ExitJson {
  t: number;
  px: number;
  size: number;
  reason: string;
  fee: number | null;
  pnl: number | null;
}

export interface TradeJson {
  id: number;
  decision_id: number | null;
  mode: "shadow" | "live";
  coin: string;
  side: "long" | "short";
  strategy: string;
  session: string;
  regime: string;
  vol_bucket: string;
  sim_model_version: string;
  opened_at: number;
  closed_at: number;
  entry_px: number;
  exit_px: number | null;
  initial_size: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  exit_reason: string | null;
  gross_pnl: number;
  fees: number;
  slippage: number;
  funding: number;
  net_pnl: number;
  r_multiple: number | null;
  exits: ExitJson[];
}

export interface OpenPositionJson {
  id: number;
  decision_id: number | null;
  mode: "shadow" | "live";
  coin: string;
  side: "long" | "short";
  strategy: string;
  session: string;
  regime: string;
  vol_bucket: string;
  opened_at: number;
  entry_px: number;
  size: number;
  stop_px: number;
  initial_stop_px: number;
  target_px: number;
  risk_usd: number;
  mark: { px: number; t: number; source: string } | null;
  unrealized_pnl: number | null;
  r_multiple: number | null;
}

export interface DecisionJson {
  id: number;
  created_at: number;
  mode: "shadow" | "live";
  strategy: string;
  coin: string;
  side: "long" | "short";
  timeframe: string;
  candle_t: number;
  score_raw: number;
  score: number;
  regime: string;
  session: string;
  vol_bucket: string;
  setup_key: string;
  entry_ref: number;
  stop: number;
  target: number;
  features: Record<string, unknown> | null;
  verdict: string;
  reasons: string[] | null;
  sim_model_version: string;
  trade: {
    position_id: number;
    status: string;
    r_multiple: number | null;
    net_pnl: number | null;
    exit_reason: string | null;
  } | null;
}

/** What the candlestick chart draws of a trade or an open position. */
export interface ChartTrade {
  id: number;
  coin: string;
  side: "long" | "short";
  mode: "shadow" | "live";
  openedAt: number;
  closedAt: number | null;
  entryPx: number;
  stopPx: number;
  targetPx: number;
  exits: { t: number; px: number; reason: string }[];
}

export function chartTradeOf(t: TradeJson): ChartTrade {
  return {
    id: t.id,
    coin: t.coin,
    side: t.side,
    mode: t.mode,
    openedAt: t.opened_at,
    closedAt: t.closed_at,
    entryPx: t.entry_px,
    stopPx: t.initial_stop_px,
    targetPx: t.target_px,
    exits: t.exits.length
      ? t.exits.map((e) => ({ t: e.t, px: e.px, reason: e.reason }))
      : t.exit_px === null
        ? []
        : [{ t: t.closed_at, px: t.exit_px, reason: t.exit_reason ?? "exit" }],
  };
}

export function chartPositionOf(p: OpenPositionJson): ChartTrade {
  return {
    id: p.id,
    coin: p.coin,
    side: p.side,
    mode: p.mode,
    openedAt: p.opened_at,
    closedAt: null,
    entryPx: p.entry_px,
    stopPx: p.stop_px,
    targetPx: p.target_px,
    exits: [],
  };
}

/** strategy|side|session|regime|vol_bucket */
export const bucketOf = (x: {
  strategy: string;
  side: string;
  session: string;
  regime: string;
  vol_bucket: string;
}) => `${x.strategy}|${x.side}|${x.session}|${x.regime}|${x.vol_bucket}`;

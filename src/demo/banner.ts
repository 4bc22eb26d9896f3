/** What `hlbot demo` prints on stdout once its dashboard listens: what runs, where to look, how to stop, how to go live. */

export interface BannerFacts {
  dashboardUrl: string;
  venueUrl: string;
  from: number;
  speed: number;
  coins: number;
  ledgerPath: string;
  /** The demo account on the local venue; null with --no-live. */
  account: { address: string; usdc: number } | null;
}

export function demoBanner(f: BannerFacts): string {
  const start = new Date(f.from).toISOString().replace("T", " ").slice(0, 16);
  const perSecond = f.speed >= 60 ? `1 s = ${+(f.speed / 60).toFixed(2)} min` : `1 s = ${f.speed} s`;
  return [
    "",
    "hlbot DEMO — the real daemon (engine, shadow and live paths, recorder, API, dashboard) on a local",
    "Hyperliquid venue inside this binary. Nothing here reaches Hyperliquid; no real money is involved.",
    "",
    `  market     real Hyperliquid candles and funding of ${f.coins} perps (bundled sample), replayed`,
    `             from ${start} UTC at ${f.speed}× (${perSecond}); the daemon ticks on that clock`,
    f.account
      ? `  live path  demo account ${f.account.address} with ${f.account.usdc} USDC on the local venue;\n             demo candidates promote every bucket (in production only \`hlbot promote\` does)`
      : "  live path  off (--no-live): shadow path only",
    `  venue      ${f.venueUrl} (loopback, in this process)`,
    `  ledger     ${f.ledgerPath}`,
    "",
    `  dashboard  ${f.dashboardUrl}`,
    "  stop       Ctrl-C",
    "",
    "  For the real market: `hlbot trade` runs this same daemon on Hyperliquid mainnet in shadow mode;",
    "  `hlbot trade --live` (HL_PRIVATE_KEY and HL_ACCOUNT_ADDRESS in the .env beside the config) also",
    '  trades the buckets `hlbot promote` admitted. See the README, "Going live".',
    "",
  ].join("\n");
}

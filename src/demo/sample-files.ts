/**
 * The demo's bundled sample, embedded in the binary: one file import per sample file (paths readable
 * with node:fs in the compiled binary as in development) and the window it covers. Written by
 * scripts/cut-demo-sample.ts from ../shared/data/hyperliquid; re-run the script rather than editing.
 */

import f01 from "../../demo/sample/AAVE-1h.csv.gz" with { type: "file" };
import f02 from "../../demo/sample/AAVE-4h.csv.gz" with { type: "file" };
import f00 from "../../demo/sample/AAVE-15m.csv.gz" with { type: "file" };
import f03 from "../../demo/sample/AAVE-funding-1h.csv.gz" with { type: "file" };
import f05 from "../../demo/sample/ADA-1h.csv.gz" with { type: "file" };
import f06 from "../../demo/sample/ADA-4h.csv.gz" with { type: "file" };
import f04 from "../../demo/sample/ADA-15m.csv.gz" with { type: "file" };
import f07 from "../../demo/sample/ADA-funding-1h.csv.gz" with { type: "file" };
import f09 from "../../demo/sample/APT-1h.csv.gz" with { type: "file" };
import f10 from "../../demo/sample/APT-4h.csv.gz" with { type: "file" };
import f08 from "../../demo/sample/APT-15m.csv.gz" with { type: "file" };
import f11 from "../../demo/sample/APT-funding-1h.csv.gz" with { type: "file" };
import f13 from "../../demo/sample/ARB-1h.csv.gz" with { type: "file" };
import f14 from "../../demo/sample/ARB-4h.csv.gz" with { type: "file" };
import f12 from "../../demo/sample/ARB-15m.csv.gz" with { type: "file" };
import f15 from "../../demo/sample/ARB-funding-1h.csv.gz" with { type: "file" };
import f17 from "../../demo/sample/AVAX-1h.csv.gz" with { type: "file" };
import f18 from "../../demo/sample/AVAX-4h.csv.gz" with { type: "file" };
import f16 from "../../demo/sample/AVAX-15m.csv.gz" with { type: "file" };
import f19 from "../../demo/sample/AVAX-funding-1h.csv.gz" with { type: "file" };
import f21 from "../../demo/sample/BNB-1h.csv.gz" with { type: "file" };
import f22 from "../../demo/sample/BNB-4h.csv.gz" with { type: "file" };
import f20 from "../../demo/sample/BNB-15m.csv.gz" with { type: "file" };
import f23 from "../../demo/sample/BNB-funding-1h.csv.gz" with { type: "file" };
import f25 from "../../demo/sample/BTC-1h.csv.gz" with { type: "file" };
import f26 from "../../demo/sample/BTC-4h.csv.gz" with { type: "file" };
import f24 from "../../demo/sample/BTC-15m.csv.gz" with { type: "file" };
import f27 from "../../demo/sample/BTC-funding-1h.csv.gz" with { type: "file" };
import f29 from "../../demo/sample/DOGE-1h.csv.gz" with { type: "file" };
import f30 from "../../demo/sample/DOGE-4h.csv.gz" with { type: "file" };
import f28 from "../../demo/sample/DOGE-15m.csv.gz" with { type: "file" };
import f31 from "../../demo/sample/DOGE-funding-1h.csv.gz" with { type: "file" };
import f33 from "../../demo/sample/ENA-1h.csv.gz" with { type: "file" };
import f34 from "../../demo/sample/ENA-4h.csv.gz" with { type: "file" };
import f32 from "../../demo/sample/ENA-15m.csv.gz" with { type: "file" };
import f35 from "../../demo/sample/ENA-funding-1h.csv.gz" with { type: "file" };
import f37 from "../../demo/sample/ETH-1h.csv.gz" with { type: "file" };
import f38 from "../../demo/sample/ETH-4h.csv.gz" with { type: "file" };
import f36 from "../../demo/sample/ETH-15m.csv.gz" with { type: "file" };
import f39 from "../../demo/sample/ETH-funding-1h.csv.gz" with { type: "file" };
import f41 from "../../demo/sample/HYPE-1h.csv.gz" with { type: "file" };
import f42 from "../../demo/sample/HYPE-4h.csv.gz" with { type: "file" };
import f40 from "../../demo/sample/HYPE-15m.csv.gz" with { type: "file" };
import f43 from "../../demo/sample/HYPE-funding-1h.csv.gz" with { type: "file" };
import f45 from "../../demo/sample/INJ-1h.csv.gz" with { type: "file" };
import f46 from "../../demo/sample/INJ-4h.csv.gz" with { type: "file" };
import f44 from "../../demo/sample/INJ-15m.csv.gz" with { type: "file" };
import f47 from "../../demo/sample/INJ-funding-1h.csv.gz" with { type: "file" };
import f89 from "../../demo/sample/kPEPE-1h.csv.gz" with { type: "file" };
import f90 from "../../demo/sample/kPEPE-4h.csv.gz" with { type: "file" };
import f88 from "../../demo/sample/kPEPE-15m.csv.gz" with { type: "file" };
import f91 from "../../demo/sample/kPEPE-funding-1h.csv.gz" with { type: "file" };
import f49 from "../../demo/sample/LINK-1h.csv.gz" with { type: "file" };
import f50 from "../../demo/sample/LINK-4h.csv.gz" with { type: "file" };
import f48 from "../../demo/sample/LINK-15m.csv.gz" with { type: "file" };
import f51 from "../../demo/sample/LINK-funding-1h.csv.gz" with { type: "file" };
import f53 from "../../demo/sample/LTC-1h.csv.gz" with { type: "file" };
import f54 from "../../demo/sample/LTC-4h.csv.gz" with { type: "file" };
import f52 from "../../demo/sample/LTC-15m.csv.gz" with { type: "file" };
import f55 from "../../demo/sample/LTC-funding-1h.csv.gz" with { type: "file" };
import f57 from "../../demo/sample/NEAR-1h.csv.gz" with { type: "file" };
import f58 from "../../demo/sample/NEAR-4h.csv.gz" with { type: "file" };
import f56 from "../../demo/sample/NEAR-15m.csv.gz" with { type: "file" };
import f59 from "../../demo/sample/NEAR-funding-1h.csv.gz" with { type: "file" };
import f61 from "../../demo/sample/OP-1h.csv.gz" with { type: "file" };
import f62 from "../../demo/sample/OP-4h.csv.gz" with { type: "file" };
import f60 from "../../demo/sample/OP-15m.csv.gz" with { type: "file" };
import f63 from "../../demo/sample/OP-funding-1h.csv.gz" with { type: "file" };
import f65 from "../../demo/sample/SEI-1h.csv.gz" with { type: "file" };
import f66 from "../../demo/sample/SEI-4h.csv.gz" with { type: "file" };
import f64 from "../../demo/sample/SEI-15m.csv.gz" with { type: "file" };
import f67 from "../../demo/sample/SEI-funding-1h.csv.gz" with { type: "file" };
import f69 from "../../demo/sample/SOL-1h.csv.gz" with { type: "file" };
import f70 from "../../demo/sample/SOL-4h.csv.gz" with { type: "file" };
import f68 from "../../demo/sample/SOL-15m.csv.gz" with { type: "file" };
import f71 from "../../demo/sample/SOL-funding-1h.csv.gz" with { type: "file" };
import f73 from "../../demo/sample/SUI-1h.csv.gz" with { type: "file" };
import f74 from "../../demo/sample/SUI-4h.csv.gz" with { type: "file" };
import f72 from "../../demo/sample/SUI-15m.csv.gz" with { type: "file" };
import f75 from "../../demo/sample/SUI-funding-1h.csv.gz" with { type: "file" };
import f77 from "../../demo/sample/TIA-1h.csv.gz" with { type: "file" };
import f78 from "../../demo/sample/TIA-4h.csv.gz" with { type: "file" };
import f76 from "../../demo/sample/TIA-15m.csv.gz" with { type: "file" };
import f79 from "../../demo/sample/TIA-funding-1h.csv.gz" with { type: "file" };
import f81 from "../../demo/sample/WIF-1h.csv.gz" with { type: "file" };
import f82 from "../../demo/sample/WIF-4h.csv.gz" with { type: "file" };
import f80 from "../../demo/sample/WIF-15m.csv.gz" with { type: "file" };
import f83 from "../../demo/sample/WIF-funding-1h.csv.gz" with { type: "file" };
import f85 from "../../demo/sample/XRP-1h.csv.gz" with { type: "file" };
import f86 from "../../demo/sample/XRP-4h.csv.gz" with { type: "file" };
import f84 from "../../demo/sample/XRP-15m.csv.gz" with { type: "file" };
import f87 from "../../demo/sample/XRP-funding-1h.csv.gz" with { type: "file" };

/** File name → readable path. */
export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  "AAVE-15m.csv.gz": f00,
  "AAVE-1h.csv.gz": f01,
  "AAVE-4h.csv.gz": f02,
  "AAVE-funding-1h.csv.gz": f03,
  "ADA-15m.csv.gz": f04,
  "ADA-1h.csv.gz": f05,
  "ADA-4h.csv.gz": f06,
  "ADA-funding-1h.csv.gz": f07,
  "APT-15m.csv.gz": f08,
  "APT-1h.csv.gz": f09,
  "APT-4h.csv.gz": f10,
  "APT-funding-1h.csv.gz": f11,
  "ARB-15m.csv.gz": f12,
  "ARB-1h.csv.gz": f13,
  "ARB-4h.csv.gz": f14,
  "ARB-funding-1h.csv.gz": f15,
  "AVAX-15m.csv.gz": f16,
  "AVAX-1h.csv.gz": f17,
  "AVAX-4h.csv.gz": f18,
  "AVAX-funding-1h.csv.gz": f19,
  "BNB-15m.csv.gz": f20,
  "BNB-1h.csv.gz": f21,
  "BNB-4h.csv.gz": f22,
  "BNB-funding-1h.csv.gz": f23,
  "BTC-15m.csv.gz": f24,
  "BTC-1h.csv.gz": f25,
  "BTC-4h.csv.gz": f26,
  "BTC-funding-1h.csv.gz": f27,
  "DOGE-15m.csv.gz": f28,
  "DOGE-1h.csv.gz": f29,
  "DOGE-4h.csv.gz": f30,
  "DOGE-funding-1h.csv.gz": f31,
  "ENA-15m.csv.gz": f32,
  "ENA-1h.csv.gz": f33,
  "ENA-4h.csv.gz": f34,
  "ENA-funding-1h.csv.gz": f35,
  "ETH-15m.csv.gz": f36,
  "ETH-1h.csv.gz": f37,
  "ETH-4h.csv.gz": f38,
  "ETH-funding-1h.csv.gz": f39,
  "HYPE-15m.csv.gz": f40,
  "HYPE-1h.csv.gz": f41,
  "HYPE-4h.csv.gz": f42,
  "HYPE-funding-1h.csv.gz": f43,
  "INJ-15m.csv.gz": f44,
  "INJ-1h.csv.gz": f45,
  "INJ-4h.csv.gz": f46,
  "INJ-funding-1h.csv.gz": f47,
  "LINK-15m.csv.gz": f48,
  "LINK-1h.csv.gz": f49,
  "LINK-4h.csv.gz": f50,
  "LINK-funding-1h.csv.gz": f51,
  "LTC-15m.csv.gz": f52,
  "LTC-1h.csv.gz": f53,
  "LTC-4h.csv.gz": f54,
  "LTC-funding-1h.csv.gz": f55,
  "NEAR-15m.csv.gz": f56,
  "NEAR-1h.csv.gz": f57,
  "NEAR-4h.csv.gz": f58,
  "NEAR-funding-1h.csv.gz": f59,
  "OP-15m.csv.gz": f60,
  "OP-1h.csv.gz": f61,
  "OP-4h.csv.gz": f62,
  "OP-funding-1h.csv.gz": f63,
  "SEI-15m.csv.gz": f64,
  "SEI-1h.csv.gz": f65,
  "SEI-4h.csv.gz": f66,
  "SEI-funding-1h.csv.gz": f67,
  "SOL-15m.csv.gz": f68,
  "SOL-1h.csv.gz": f69,
  "SOL-4h.csv.gz": f70,
  "SOL-funding-1h.csv.gz": f71,
  "SUI-15m.csv.gz": f72,
  "SUI-1h.csv.gz": f73,
  "SUI-4h.csv.gz": f74,
  "SUI-funding-1h.csv.gz": f75,
  "TIA-15m.csv.gz": f76,
  "TIA-1h.csv.gz": f77,
  "TIA-4h.csv.gz": f78,
  "TIA-funding-1h.csv.gz": f79,
  "WIF-15m.csv.gz": f80,
  "WIF-1h.csv.gz": f81,
  "WIF-4h.csv.gz": f82,
  "WIF-funding-1h.csv.gz": f83,
  "XRP-15m.csv.gz": f84,
  "XRP-1h.csv.gz": f85,
  "XRP-4h.csv.gz": f86,
  "XRP-funding-1h.csv.gz": f87,
  "kPEPE-15m.csv.gz": f88,
  "kPEPE-1h.csv.gz": f89,
  "kPEPE-4h.csv.gz": f90,
  "kPEPE-funding-1h.csv.gz": f91,
};

/** Coins of the sample: every coin has 15m, 1h and 4h candles and hourly funding. */
export const SAMPLE_COINS: readonly string[] = [
  "BTC",
  "ETH",
  "SOL",
  "AVAX",
  "DOGE",
  "XRP",
  "LINK",
  "BNB",
  "ARB",
  "OP",
  "SUI",
  "HYPE",
  "WIF",
  "kPEPE",
  "LTC",
  "ADA",
  "NEAR",
  "APT",
  "INJ",
  "AAVE",
  "TIA",
  "SEI",
  "ENA",
];

/** First instant of the replay window: 500 bars of every interval lie before it. */
export const SAMPLE_REPLAY_FROM = Date.parse("2025-06-20T00:00:00.000Z");

/** End of the data: the last bar of the shortest series closes here. */
export const SAMPLE_END = Date.parse("2025-07-26T04:00:00.000Z");

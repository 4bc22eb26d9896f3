/** Benchmark runner: imports each benchmark file in turn (each prints its own figures). */
await import("./import.ts");
await import("./hyperliquid.ts");
await import("./backfill.ts");
await import("./signals.ts");
await import("./backtest.ts");
await import("./research.ts");
await import("./sweep.ts");
await import("./mining.ts");
await import("./api.ts");
await import("./report.ts");
await import("./daemon.ts");

export {};

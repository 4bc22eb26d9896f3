/**
 * Starts the fake Hyperliquid by hand for demos:
 *   bun tests/support/fake-hl/main.ts --port 8930 [--time 2025-06-01T00:00:00Z] [--speed 60]
 *     [--seed 1] [--no-rate-limit] [--account-usdc 10000]
 * --speed N advances the replay clock N× faster than wall time (1 s ticks). The nonce window is
 * checked against wall time here, since a bot run by hand signs with its wall clock.
 */
import { parseArgs } from "node:util";
import { DEFAULT_REPLAY_TIME, startFakeHyperliquid } from "./index.ts";

/** Wall-clock interval between clock advances in --speed mode, ms. */
const TICK_MS = 1_000;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8930" },
    time: { type: "string", default: DEFAULT_REPLAY_TIME },
    speed: { type: "string", default: "0" },
    seed: { type: "string", default: "1" },
    "no-rate-limit": { type: "boolean", default: false },
    "account-usdc": { type: "string" },
  },
});

const time = Date.parse(values.time);
if (!Number.isFinite(time)) throw new Error(`--time ${values.time}: not a date`);
const speed = Number(values.speed);
const fake = startFakeHyperliquid({
  port: Number(values.port),
  time,
  seed: Number(values.seed),
  nonceClock: "wall",
  ...(values["no-rate-limit"] ? { rateLimit: false as const } : {}),
});

console.log(`fake Hyperliquid on ${fake.url}`);
console.log(`  POST ${fake.url}/info   POST ${fake.url}/exchange   ${fake.wsUrl}`);
console.log(`  admin: ${fake.url}/admin/stats, /admin/clock, /admin/faults, /admin/accounts, /admin/agents`);
console.log(
  `  replay time ${new Date(fake.now()).toISOString()}${speed > 0 ? `, ${speed}x` : " (moves only via /admin/clock)"}`,
);
console.log("  point hlbot at it:");
console.log("    HLBOT_HYPERLIQUID__NETWORK=custom \\");
console.log(`    HLBOT_HYPERLIQUID__HTTP_URL=${fake.url} HLBOT_HYPERLIQUID__WS_URL=${fake.wsUrl} hlbot …`);
if (values["account-usdc"]) {
  const acct = fake.createAccount({ usdc: Number(values["account-usdc"]) });
  console.log(
    `  demo account ${acct.address} (HL_ACCOUNT_ADDRESS), key ${acct.privateKey} (HL_PRIVATE_KEY; test key only)`,
  );
}

if (speed > 0) setInterval(() => fake.advance(speed * TICK_MS), TICK_MS);

process.on("SIGINT", () => {
  fake.stop().then(() => process.exit(0));
});

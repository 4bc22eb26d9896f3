// What a run stores of the config: no secret, wherever it sits; and `--rerun` gets today's values back.
import { describe, expect, test } from "bun:test";
import { REDACTED, redactConfig, unredact } from "../../src/runs/redact.ts";

const KEY = `0x${"ab".repeat(32)}`;

describe("redactConfig", () => {
  test("credential-named keys, private-key-shaped strings anywhere and URL credentials are redacted", () => {
    const out = redactConfig({
      api: { token: "0123456789abcdef", host: "127.0.0.1", port: 8931 },
      notes: [KEY, "plain"],
      nested: { anything: KEY.slice(2) },
      hyperliquid: { http_url: "https://user:pw@node.example/info", ws_url: "wss://node.example/ws" },
      alerts: { telegram: { chat_ids: [1, 2] } },
    }) as Record<string, Record<string, unknown>> & { notes: unknown[] };
    expect(out.api).toEqual({ token: REDACTED, host: "127.0.0.1", port: 8931 });
    expect(out.notes).toEqual([REDACTED, "plain"]);
    expect(out.nested).toEqual({ anything: REDACTED });
    expect(out.hyperliquid!.http_url).toBe(`https://${REDACTED}@node.example/info`);
    expect(out.hyperliquid!.ws_url).toBe("wss://node.example/ws");
    expect(out.alerts).toEqual({ telegram: { chat_ids: [1, 2] } });
    expect(JSON.stringify(out)).not.toContain("ab".repeat(32));
  });

  test("unredact takes the current config's value at each redacted place, and drops it when there is none", () => {
    const stored = { api: { token: REDACTED, port: 1 }, list: [REDACTED] };
    expect(unredact(stored, { api: { token: "today-token-xyz0", port: 2 }, list: ["x"] })).toEqual({
      api: { token: "today-token-xyz0", port: 1 },
      list: ["x"],
    });
    expect(unredact(stored, {})).toEqual({ api: { port: 1 }, list: [undefined] });
  });
});

// The dashboard rendered with ink-testing-library over the API's real JSON (a ledger from real
// candles): every panel, the keys (pause path choice, flatten only after "y", resume), and the
// read-only mode that sends nothing.
import { afterAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { render } from "ink-testing-library";
import { appReader } from "../../src/control/api-reader.ts";
import type { ActionResult, TradingPath } from "../../src/control/target.ts";
import { App, type TuiActions } from "../../src/tui/app.tsx";
import { loadTuiData } from "../../src/tui/data.ts";
import { sparkline } from "../../src/tui/sparkline.ts";
import { fixtureApp } from "../api/support/fixture-app.ts";

const fx = fixtureApp({ coins: ["BTC", "ETH", "SOL"], bars: 24 * 5 });
const logPath = `${fx.fixture.path}.log`;
writeFileSync(
  logPath,
  [
    JSON.stringify({ time: "2025-06-01T12:00:01.000Z", level: "info", tag: "daemon", msg: "tick: 3 bars" }),
    JSON.stringify({
      time: "2025-06-01T12:00:31.000Z",
      level: "warn",
      tag: "alerts",
      msg: "alert to discord failed",
    }),
    "",
  ].join("\n"),
);
afterAll(() => fx.fixture.db.close());

const load = () =>
  loadTuiData({
    reader: appReader(fx.app, fx.fixture.path),
    control: null,
    logPath,
    decisions: 8,
    logLines: 5,
  });

class RecordingActions implements TuiActions {
  calls: unknown[][] = [];
  async pause(paths: TradingPath[]): Promise<ActionResult> {
    this.calls.push(["pause", paths]);
    return { message: `paused new ${paths.join(" + ")} entries` };
  }
  async resume(): Promise<ActionResult> {
    this.calls.push(["resume"]);
    return { message: "resumed live" };
  }
  async flatten(coin?: string): Promise<ActionResult> {
    this.calls.push(["flatten", coin ?? null]);
    return { message: "flattening 1 live position(s): BTC" };
  }
}

async function until(frame: () => string | undefined, text: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const f = frame() ?? "";
    if (f.includes(text)) return f;
    await Bun.sleep(10);
  }
  throw new Error(`"${text}" never appeared in:\n${frame()}`);
}

describe("hlbot tui", () => {
  test("renders health, positions with mark/uPnL/R, decisions with verdicts and the log tail", async () => {
    const positions = (await fx.json("/positions")).positions as { id: number; coin: string }[];
    const decisions = (await fx.json("/decisions?limit=8")).decisions as { coin: string; verdict: string }[];
    const ui = render(
      <App
        load={load}
        actions={null}
        readOnlyReason="no control socket"
        refreshMs={60_000}
        logPath={logPath}
      />,
    );
    const frame = await until(ui.lastFrame, "Latest decisions");
    expect(frame).toContain("hlbot");
    expect(frame).toContain("(read-only)");
    expect(frame).toContain(`Open positions (${positions.length}; shadow = simulated)`);
    expect(frame).toMatch(/ID\s+MODE\s+COIN\s+SIDE\s+STRATEGY\s+ENTRY\s+MARK\s+SIZE\s+uPnL\s+R/);
    for (const p of positions) expect(frame).toContain(`${p.id}`);
    expect(frame).toContain(decisions[0]!.verdict);
    expect(frame).toContain("[daemon] tick: 3 bars");
    expect(frame).toContain("[alerts] alert to discord failed");
    expect(frame).toContain("read-only (no control socket)");
    ui.unmount();
  });

  test("read-only: the keys only say why; nothing is sent", async () => {
    const ui = render(
      <App
        load={load}
        actions={null}
        readOnlyReason="socket mode 0666"
        refreshMs={60_000}
        logPath={logPath}
      />,
    );
    await until(ui.lastFrame, "Latest decisions");
    ui.stdin.write("f");
    expect(await until(ui.lastFrame, "read-only: socket mode 0666")).not.toContain("press y to confirm");
    ui.unmount();
  });

  test("p then l pauses live; f asks, anything but y cancels; f y flattens; r resumes", async () => {
    const actions = new RecordingActions();
    const ui = render(
      <App load={load} actions={actions} readOnlyReason={null} refreshMs={60_000} logPath={logPath} />,
    );
    await until(ui.lastFrame, "[p] pause  [r] resume  [f] flatten");
    ui.stdin.write("p");
    await until(ui.lastFrame, "[b]oth [l]ive [s]hadow");
    ui.stdin.write("l");
    await until(ui.lastFrame, "paused new live entries");
    ui.stdin.write("f");
    await until(ui.lastFrame, "press y to confirm");
    ui.stdin.write("n");
    await until(ui.lastFrame, "flatten cancelled: nothing sent");
    expect(actions.calls).toEqual([["pause", ["live"]]]);
    ui.stdin.write("f");
    await until(ui.lastFrame, "press y to confirm");
    ui.stdin.write("y");
    await until(ui.lastFrame, "flattening 1 live position(s): BTC");
    ui.stdin.write("r");
    await until(ui.lastFrame, "resumed live");
    expect(actions.calls).toEqual([["pause", ["live"]], ["flatten", null], ["resume"]]);
    ui.unmount();
  });
});

describe("sparkline", () => {
  test("min at the lowest block, max at the highest, resampled to the width", () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8)).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([5, 5, 5], 10)).toBe("▄▄▄");
    expect(sparkline([1, 2, 3, 4, 5, 6], 3), "each column is the end of its slice").toBe("▁▅█");
    expect(sparkline([], 5)).toBe("");
  });
});

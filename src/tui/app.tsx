/**
 * `hlbot tui`: the dashboard for an SSH session. Refreshes every `refreshMs`; keys: p pause (then
 * b/l/s for both/live/shadow), r resume, f flatten every live position (then y to confirm), q quit.
 * Without a usable control socket it is read-only and says why; no key ever trades without a
 * confirmation step.
 */
import { Box, Text, useApp, useInput, useStdout } from "ink";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionResult, TradingPath } from "../control/target.ts";
import type { TuiData } from "./data.ts";
import { Decisions, Equity, Halts, Header, LogTail, Positions } from "./panels.tsx";

export interface TuiActions {
  pause(paths: TradingPath[]): Promise<ActionResult>;
  resume(): Promise<ActionResult>;
  flatten(coin?: string): Promise<ActionResult>;
}

export interface AppProps {
  load: () => Promise<TuiData>;
  /** null = read-only. */
  actions: TuiActions | null;
  readOnlyReason: string | null;
  refreshMs: number;
  logPath: string;
}

type Mode = "normal" | "pause" | "flatten";

export function App({ load, actions, readOnlyReason, refreshMs, logPath }: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [data, setData] = useState<TuiData | null>(null);
  const [mode, setMode] = useState<Mode>("normal");
  const [message, setMessage] = useState<string | null>(null);
  const loading = useRef(false);

  const refresh = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      setData(await load());
    } catch (error) {
      setMessage(`refresh failed: ${(error as Error).message}`);
    } finally {
      loading.current = false;
    }
  }, [load]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refresh, refreshMs]);

  const act = (label: string, run: () => Promise<ActionResult>) => {
    setMessage(`${label}…`);
    run().then(
      (r) => {
        setMessage(r.message);
        void refresh();
      },
      (error: Error) => setMessage(`${label} failed: ${error.message}`),
    );
  };

  useInput((input, key) => {
    if (mode === "pause") {
      setMode("normal");
      const paths: Record<string, TradingPath[]> = { b: ["shadow", "live"], l: ["live"], s: ["shadow"] };
      const chosen = paths[input];
      if (chosen && actions) act(`pause ${chosen.join(" + ")}`, () => actions.pause(chosen));
      else setMessage("pause cancelled");
      return;
    }
    if (mode === "flatten") {
      setMode("normal");
      if (input === "y" && actions) act("flatten", () => actions.flatten());
      else setMessage("flatten cancelled: nothing sent");
      return;
    }
    if (input === "q" || key.escape || (key.ctrl && input === "c")) return exit();
    if (!["p", "r", "f"].includes(input)) return;
    if (!actions) {
      setMessage(`read-only: ${readOnlyReason ?? "no control socket"}`);
      return;
    }
    if (input === "p") setMode("pause");
    else if (input === "f") setMode("flatten");
    else act("resume", () => actions.resume());
  });

  const width = (stdout as { columns?: number }).columns || 100;
  if (!data) return <Text>loading…</Text>;
  return (
    <Box flexDirection="column" width={width}>
      <Header data={data} />
      <Halts health={data.health} control={data.control} />
      <Positions positions={data.positions} />
      <Equity equity={data.equity} width={width} />
      <Decisions decisions={data.decisions} />
      <LogTail lines={data.log} path={logPath} />
      {data.errors.length > 0 ? <Text color="red">{data.errors.join(" · ")}</Text> : null}
      <Box marginTop={1}>
        {mode === "pause" ? (
          <Text color="yellow">pause new entries on: [b]oth [l]ive [s]hadow — any other key cancels</Text>
        ) : mode === "flatten" ? (
          <Text color="red" bold>
            flatten EVERY live position with reduce-only IOCs? press y to confirm, any other key cancels
          </Text>
        ) : (
          <Text dimColor>
            {actions ? "[p] pause  [r] resume  [f] flatten  " : `read-only (${readOnlyReason}) · `}[q] quit
          </Text>
        )}
      </Box>
      {message ? <Text>{message}</Text> : null}
    </Box>
  );
}

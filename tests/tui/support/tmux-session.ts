// One tmux session a real-terminal TUI test drives: run a command in it, read the screen
// (capture-pane), press keys, and wait for text. `TMUX` is null where tmux is not installed; the
// tests skip then, saying so (scripts/ensure-tmux.sh installs it for `make test`).
export const TMUX = Bun.which("tmux");

export interface TmuxSession {
  run: (...args: string[]) => ReturnType<typeof Bun.spawnSync>;
  screen: () => string;
  keys: (keys: string) => void;
  until: (text: string, ms?: number) => Promise<string>;
  kill: () => void;
}

export function tmuxSession(name: string): TmuxSession {
  const run = (...args: string[]) =>
    Bun.spawnSync([TMUX ?? "tmux", ...args], { stdout: "pipe", stderr: "pipe" });
  const screen = () => run("capture-pane", "-p", "-t", name).stdout.toString();
  return {
    run,
    screen,
    keys: (keys) => void run("send-keys", "-t", name, keys),
    async until(text, ms = 30_000) {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        const s = screen();
        if (s.includes(text)) return s;
        await Bun.sleep(100);
      }
      throw new Error(`"${text}" never appeared on the tmux screen:\n${screen()}`);
    },
    kill: () => void run("kill-session", "-t", name),
  };
}

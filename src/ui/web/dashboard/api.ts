/**
 * The dashboard's reads: GET on this origin with the bearer token, which the page takes once from
 * the URL fragment (#token=…, never sent to a server or a log) and keeps in sessionStorage.
 */
export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
  ) {
    super(`${path.split("?")[0]}: HTTP ${status}`);
  }
}

export interface View {
  runId: number;
  mode: "shadow" | "live" | null;
}

function takeToken(): string | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromUrl = fragment.get("token");
  if (fromUrl) {
    sessionStorage.setItem("hlbot-token", fromUrl);
    history.replaceState(null, "", location.pathname + location.search);
  }
  return sessionStorage.getItem("hlbot-token");
}

export function currentView(): View {
  const q = new URLSearchParams(location.search);
  const run = Number(q.get("run_id") ?? "0");
  const mode = q.get("mode");
  return {
    runId: Number.isSafeInteger(run) && run >= 0 ? run : 0,
    mode: mode === "shadow" || mode === "live" ? mode : null,
  };
}

export class Api {
  private readonly token = takeToken();

  constructor(private readonly view: View) {}

  /** The response text of GET `path`; `scoped` adds the page's run_id and mode. */
  async text(path: string, scoped = true): Promise<string> {
    const extra = new URLSearchParams();
    if (scoped && this.view.runId !== 0) extra.set("run_id", String(this.view.runId));
    if (scoped && this.view.mode) extra.set("mode", this.view.mode);
    const url = extra.size ? `${path}${path.includes("?") ? "&" : "?"}${extra}` : path;
    const res = await fetch(url, {
      cache: "no-store",
      headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
    });
    if (!res.ok) throw new ApiError(path, res.status);
    return res.text();
  }

  async json<T>(path: string, scoped = true): Promise<T> {
    return JSON.parse(await this.text(path, scoped)) as T;
  }
}

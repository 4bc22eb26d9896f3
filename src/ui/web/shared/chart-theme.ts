/**
 * Chart options shared by every lightweight-charts chart on the pages: colours from the page's CSS
 * variables, UTC time axis, and an autosized canvas (the container's CSS sets the height). The
 * library's own logo is off (it injects a <style> the dashboard's CSP refuses); the pages' footers
 * carry the attribution and link its license asks for.
 */
import { type ChartOptions, ColorType, type DeepPartial, type UTCTimestamp } from "lightweight-charts";

export function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export const palette = () => ({
  text: cssVar("--muted", "#8391ab"),
  grid: cssVar("--line", "#243049"),
  up: cssVar("--up", "#2ecc8f"),
  down: cssVar("--down", "#ff5d6c"),
  accent: cssVar("--accent", "#5aa9ff"),
  live: cssVar("--live", "#f5b942"),
  warn: cssVar("--warn", "#ffb020"),
  bg: cssVar("--panel", "#121826"),
});

export function baseOptions(): DeepPartial<ChartOptions> {
  const p = palette();
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: p.bg },
      textColor: p.text,
      fontSize: 11,
      attributionLogo: false,
    },
    grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
    rightPriceScale: { borderColor: p.grid },
    timeScale: { borderColor: p.grid, timeVisible: true, secondsVisible: false },
    localization: {
      timeFormatter: (t: number) => new Date(t * 1000).toISOString().slice(0, 16).replace("T", " "),
    },
  };
}

/** ms → the chart's time unit (UTC seconds). */
export const sec = (t: number) => Math.floor(t / 1000) as UTCTimestamp;

/** Points with strictly rising times (the chart requires it): of equal seconds the last is kept. */
export function uniqueTimes<T extends { time: UTCTimestamp }>(points: T[]): T[] {
  const out: T[] = [];
  for (const p of points) {
    if (out.length && out[out.length - 1]!.time >= p.time) {
      if (out[out.length - 1]!.time === p.time) out[out.length - 1] = p;
      continue;
    }
    out.push(p);
  }
  return out;
}

/** The size-weighted price of a set of exchange fills (null when there are none). */
import type { Fill } from "../hyperliquid/schemas/account.ts";

export function averageFillPx(fills: readonly Pick<Fill, "px" | "sz">[]): number | null {
  let size = 0;
  let value = 0;
  for (const f of fills) {
    size += Number(f.sz);
    value += Number(f.px) * Number(f.sz);
  }
  return size > 0 ? value / size : null;
}

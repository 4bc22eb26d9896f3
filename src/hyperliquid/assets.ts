/**
 * coin ⇄ asset index and lot size, built from `meta` (indices differ between mainnet and testnet and
 * delisted coins keep their slot, so the map is always derived, never hard-coded).
 */
import { InvalidOrderError } from "./errors.ts";
import type { AssetMeta, Meta } from "./schemas/meta.ts";

export interface AssetInfo {
  coin: string;
  /** Index in meta.universe = the `a`/`asset` of exchange actions. */
  index: number;
  szDecimals: number;
  maxLeverage: number;
  onlyIsolated: boolean;
  isDelisted: boolean;
}

export class AssetBook {
  readonly #byCoin = new Map<string, AssetInfo>();
  readonly #byIndex: AssetInfo[] = [];

  constructor(meta: Pick<Meta, "universe">) {
    meta.universe.forEach((asset: AssetMeta, index) => {
      const info: AssetInfo = {
        coin: asset.name,
        index,
        szDecimals: asset.szDecimals,
        maxLeverage: asset.maxLeverage,
        onlyIsolated: asset.onlyIsolated === true,
        isDelisted: asset.isDelisted === true,
      };
      this.#byCoin.set(asset.name, info);
      this.#byIndex.push(info);
    });
  }

  /** The asset named `coin`, or InvalidOrderError. */
  get(coin: string): AssetInfo {
    const info = this.#byCoin.get(coin);
    if (!info) throw new InvalidOrderError(`unknown coin "${coin}" (not in meta.universe)`);
    return info;
  }

  find(coin: string): AssetInfo | undefined {
    return this.#byCoin.get(coin);
  }

  byIndex(index: number): AssetInfo | undefined {
    return this.#byIndex[index];
  }

  get size(): number {
    return this.#byIndex.length;
  }

  coins(): string[] {
    return this.#byIndex.map((a) => a.coin);
  }
}

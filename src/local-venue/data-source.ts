/**
 * Where the local venue's real Hyperliquid data comes from: a directory of CSV(.gz) files in the
 * format of ../shared/data/hyperliquid (tests, `hlbot exchange --data DIR`), or a table of files
 * embedded in the binary (the demo's bundled sample). Either way the venue reads files by name
 * (`BTC-15m`, `BTC-funding-1h`, the BTC L2 hour); an embedded file's path is readable with
 * node:fs inside the compiled binary as in development.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export interface DataSource {
  /** Names the source in messages and keys the parsed-data cache. */
  readonly id: string;
  /** Path of `NAME.csv.gz` or `NAME.csv` (NAME like `BTC-15m`, `BTC-funding-1h`), or null. */
  file(name: string): string | null;
  /** Path of a coin's L2 snapshot file (`l2book/COIN-l2book-*.csv.gz`), or null. */
  l2File(coin: string): string | null;
}

/** A directory laid out like ../shared/data/hyperliquid. */
export function directorySource(dir: string): DataSource {
  return {
    id: `dir:${dir}`,
    file(name) {
      for (const candidate of [`${name}.csv.gz`, `${name}.csv`]) {
        const path = join(dir, candidate);
        if (existsSync(path)) return path;
      }
      return null;
    },
    l2File(coin) {
      const l2 = join(dir, "l2book");
      if (!existsSync(l2)) return null;
      const name = readdirSync(l2).find((f) => f.startsWith(`${coin}-l2book-`));
      return name ? join(l2, name) : null;
    },
  };
}

/** A fixed table of files, file name (`BTC-15m.csv.gz`) → readable path (the embedded sample). */
export function fileTableSource(id: string, files: Readonly<Record<string, string>>): DataSource {
  return {
    id,
    file: (name) => files[`${name}.csv.gz`] ?? files[`${name}.csv`] ?? null,
    l2File: (coin) => {
      const key = Object.keys(files).find((f) => f.startsWith(`l2book/${coin}-l2book-`));
      return key ? files[key]! : null;
    },
  };
}

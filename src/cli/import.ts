/** `hlbot import --dir DIR`: real-data CSV files into the ledger, idempotently, with a summary. */

import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { defineCommand } from "citty";
import { UsageError } from "../core/errors.ts";
import { log } from "../log.ts";
import { importDirectory } from "../market/importer.ts";
import { createContext, globalArgs, runAction } from "./context.ts";
import { createProgress } from "./progress.ts";

export const importCommand = defineCommand({
  meta: {
    name: "import",
    description:
      "load COIN-INTERVAL.csv[.gz] candles, COIN-funding-1h.csv[.gz] funding and l2book/COIN-l2book-*.csv[.gz] books into the ledger",
  },
  args: {
    ...globalArgs,
    dir: {
      type: "string",
      required: true,
      description: "directory of data files (e.g. ../shared/data/hyperliquid)",
    },
    coins: { type: "string", description: "comma-separated coins to import (default: all files)" },
    json: { type: "boolean", description: "print the summary as JSON" },
  },
  run: ({ args }) =>
    runAction(async () => {
      const ctx = createContext(args);
      checkDataDir(args.dir);
      const coins = args.coins
        ? new Set(
            args.coins
              .split(",")
              .map((c) => c.trim())
              .filter(Boolean),
          )
        : null;
      const db = ctx.openDb();
      const progress = createProgress("import");
      const summary = await importDirectory(db, args.dir, {
        coins,
        onProgress: (d, t, f) => progress.update(d, t, f),
      });
      progress.done();
      db.close();
      for (const f of summary.failed) log.error(`${f.error.message} — file skipped, nothing written from it`);
      for (const f of [...summary.files, ...summary.books.files])
        if (f.conflicts)
          log.warn(
            `${f.conflicts} row(s) conflict with stored rows (stored kept); first: ${f.firstConflict}`,
          );
      const rate = summary.seconds > 0 ? Math.round(summary.rows / summary.seconds) : 0;
      if (args.json) {
        console.log(
          JSON.stringify(
            {
              ...summary,
              failed: summary.failed.map((f) => ({ file: f.file, error: f.error.message })),
              rowsPerSecond: rate,
            },
            null,
            2,
          ),
        );
      } else {
        const b = summary.books;
        const candleFiles = summary.files.filter((f) => f.kind === "candles").length;
        console.log(
          `imported ${summary.files.length} files (${candleFiles} candle, ${summary.files.length - candleFiles} funding) into ${ctx.config.ledger.path}\n` +
            `  rows read ${summary.rows}, new ${summary.added}, already present ${summary.duplicates}, conflicting ${summary.conflicts} (stored rows kept)\n` +
            `  books: ${b.files.length} l2book file(s), ${b.snapshots} snapshots read, imported ${b.added}, already present ${b.duplicates}, conflicting ${b.conflicts} (stored kept)\n` +
            `  ${summary.seconds.toFixed(2)} s, ${rate} rows/s; failed files ${summary.failed.length}; skipped entries ${summary.skipped.length}`,
        );
      }
      return summary.failed.length ? 2 : 0;
    }),
});

/** --dir must be a readable directory whose entries all resolve (a dangling symlink is named). */
function checkDataDir(flag: string): void {
  const dir = resolve(process.cwd(), flag);
  let entries: Dirent[];
  try {
    if (!statSync(dir).isDirectory())
      throw new UsageError(`--dir ${flag}: is a file, not a directory of data files`);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--dir ${flag}: ${code === "ENOENT" ? "no such directory" : (cause as Error).message}`,
      {
        cause,
      },
    );
  }
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    try {
      statSync(join(dir, entry.name));
    } catch (cause) {
      throw new UsageError(
        `--dir ${flag}: ${entry.name} is a symbolic link to a missing or unreadable file (${(cause as NodeJS.ErrnoException).code}): fix or remove it`,
        { cause },
      );
    }
  }
}

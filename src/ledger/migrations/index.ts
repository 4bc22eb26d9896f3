/**
 * The ordered list of schema migrations. Version N is the N-th entry; a ledger's `PRAGMA
 * user_version` says how many are applied. Never edit a released migration: append a new one.
 */
import { sql as v1 } from "./001-market-data.ts";
import { sql as v2 } from "./002-trading.ts";
import { sql as v3 } from "./003-research.ts";
import { sql as v4 } from "./004-read-indexes.ts";
import { sql as v5 } from "./005-run-events.ts";
import { sql as v6 } from "./006-order-reference.ts";
import { sql as v7 } from "./007-control-actions.ts";
import { sql as v8 } from "./008-prediction-snapshots.ts";
import { sql as v9 } from "./009-run-provenance.ts";
import { sql as v10 } from "./010-redundant-decision-indexes.ts";
import { sql as v11 } from "./011-candle-inbox.ts";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  { version: 1, name: "market-data", sql: v1 },
  { version: 2, name: "trading", sql: v2 },
  { version: 3, name: "research", sql: v3 },
  { version: 4, name: "read-indexes", sql: v4 },
  { version: 5, name: "run-events", sql: v5 },
  { version: 6, name: "order-reference", sql: v6 },
  { version: 7, name: "control-actions", sql: v7 },
  { version: 8, name: "prediction-snapshots", sql: v8 },
  { version: 9, name: "run-provenance", sql: v9 },
  { version: 10, name: "redundant-decision-indexes", sql: v10 },
  { version: 11, name: "candle-inbox", sql: v11 },
];

export const LATEST_VERSION = MIGRATIONS.length;
/** The version that added the candle inbox (a writer's open folds it from then on). */
export const INBOX_VERSION = 11;

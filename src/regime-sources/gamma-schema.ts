/**
 * The part of Polymarket's Gamma API market object the regime source reads, validated at the edge.
 * `GET /markets?slug=<slug>` answers a JSON array of markets; in each, `outcomes` and
 * `outcomePrices` are JSON-encoded arrays inside strings (`"[\"Yes\", \"No\"]"`,
 * `"[\"0.12\", \"0.88\"]"`), paired by index; some deployments send real arrays, so both are taken.
 */
import * as z from "zod";

/** A JSON array that may arrive encoded in a string. */
const jsonArray = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (typeof v !== "string") return v;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }, z.array(item));

/** A probability quoted as a decimal string or a number, in [0, 1]. */
const price = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i)
      .transform(Number),
  ])
  .pipe(z.number().min(0).max(1));

export const GammaMarketSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  slug: z.string(),
  question: z.string().optional(),
  outcomes: jsonArray(z.string()),
  outcomePrices: jsonArray(price),
  active: z.boolean().optional(),
  closed: z.boolean().optional(),
  /** ISO time of Gamma's last update of the market, when given. */
  updatedAt: z.string().optional(),
});
export type GammaMarket = z.output<typeof GammaMarketSchema>;

export const GammaMarketsResponse = z.array(GammaMarketSchema);

/** Perp universe and per-asset context (`meta`, `metaAndAssetCtxs`). */
import * as z from "zod";
import { DecimalString } from "./common.ts";

export const AssetMeta = z.object({
  name: z.string().min(1),
  szDecimals: z.number().int().min(0),
  maxLeverage: z.number().int().positive(),
  onlyIsolated: z.boolean().optional(),
  isDelisted: z.boolean().optional(),
  marginMode: z.string().optional(),
  marginTableId: z.number().int().optional(),
});
export type AssetMeta = z.output<typeof AssetMeta>;

export const MarginTier = z.object({ lowerBound: DecimalString, maxLeverage: z.number().int().positive() });

export const MarginTable = z.object({
  description: z.string(),
  marginTiers: z.array(MarginTier),
});

export const Meta = z.object({
  universe: z.array(AssetMeta),
  marginTables: z.array(z.tuple([z.number().int(), MarginTable])).optional(),
  collateralToken: z.number().int().optional(),
});
export type Meta = z.output<typeof Meta>;

export const AssetCtx = z.object({
  dayNtlVlm: DecimalString,
  funding: DecimalString,
  impactPxs: z.tuple([DecimalString, DecimalString]).nullable(),
  markPx: DecimalString,
  midPx: DecimalString.nullable(),
  openInterest: DecimalString,
  oraclePx: DecimalString,
  premium: DecimalString.nullable(),
  prevDayPx: DecimalString,
  dayBaseVlm: DecimalString.optional(),
});
export type AssetCtx = z.output<typeof AssetCtx>;

export const MetaAndAssetCtxs = z
  .tuple([Meta, z.array(AssetCtx)])
  .refine(([meta, ctxs]) => meta.universe.length === ctxs.length, "one asset context per universe entry");
export type MetaAndAssetCtxs = z.output<typeof MetaAndAssetCtxs>;

/**
 * userRole: what Hyperliquid knows an address as — a plain user account, an API (agent) wallet and
 * the master it signs for, a sub-account and its master, a vault, or nothing ("missing").
 * `{"type":"userRole","user":"0x…"}` → `{"role":"agent","data":{"user":"0xmaster"}}` (weight 60).
 */
import * as z from "zod";
import { Address } from "./common.ts";

export const UserRole = z.discriminatedUnion("role", [
  z.object({ role: z.literal("user") }),
  z.object({ role: z.literal("missing") }),
  z.object({ role: z.literal("vault") }),
  z.object({ role: z.literal("agent"), data: z.object({ user: Address }) }),
  z.object({ role: z.literal("subAccount"), data: z.object({ master: Address }) }),
]);
export type UserRole = z.output<typeof UserRole>;

/**
 * Admin HTTP routes of the fake, for demos and for tests running hlbot as a separate process:
 *   GET  /admin/stats                      counters (requests, weight, 429s, faults, websockets)
 *   GET  /admin/time                       {now, iso}
 *   POST /admin/clock   {advanceMs}|{to}   move the clock (to: ms or ISO)
 *   POST /admin/faults  FaultRule          inject a fault → {id};  DELETE /admin/faults clears all
 *   POST /admin/accounts {usdc, address?}  register an account → {address, privateKey?}
 *   POST /admin/agents  {account, agent}   approve an agent wallet
 *   POST /admin/ws/drop                    cut every websocket → {dropped}
 *   GET  /admin/accounts/:address          cash, positions, volume
 */
import * as z from "zod";
import type { FakeControls } from "./controls.ts";

const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const FaultRuleSchema = z.strictObject({
  kind: z.enum([
    "http500",
    "http429",
    "slow",
    "timeout",
    "malformed",
    "reject",
    "partialFill",
    "wsDrop",
    "wsSilence",
  ]),
  endpoint: z.enum(["info", "exchange", "ws"]).optional(),
  type: z.string().optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  message: z.string().optional(),
  fillFraction: z.number().positive().max(1).optional(),
});
const Clock = z.union([
  z.strictObject({ advanceMs: z.number().int().nonnegative() }),
  z.strictObject({ to: z.union([z.number().int(), z.iso.datetime()]) }),
]);
const NewAccount = z.strictObject({ usdc: z.number().nonnegative(), address: Address.optional() });
const Agent = z.strictObject({ account: Address, agent: Address });

const json = (body: unknown, status = 200) => Response.json(body, { status });

export async function handleAdmin(fake: FakeControls, req: Request, path: string): Promise<Response> {
  const body = req.method === "POST" ? await req.json().catch(() => null) : null;
  const parse = <T>(schema: z.ZodType<T>): T | Response => {
    const r = schema.safeParse(body);
    return r.success ? r.data : json({ error: z.prettifyError(r.error) }, 400);
  };
  if (req.method === "GET" && path === "/admin/stats") return json(fake.stats());
  if (req.method === "GET" && path === "/admin/time") {
    return json({ now: fake.now(), iso: new Date(fake.now()).toISOString() });
  }
  if (req.method === "GET" && path.startsWith("/admin/accounts/")) {
    const a = fake.account(path.slice("/admin/accounts/".length));
    if (!a) return json({ error: "no such account" }, 404);
    return json({ address: a.address, usdc: a.usdc, volume: a.volume, positions: [...a.positions.values()] });
  }
  if (req.method === "DELETE" && path === "/admin/faults") {
    fake.clearFaults();
    return json({ cleared: true });
  }
  if (req.method !== "POST") return json({ error: "not found" }, 404);
  switch (path) {
    case "/admin/clock": {
      const r = parse(Clock);
      if (r instanceof Response) return r;
      try {
        if ("advanceMs" in r) fake.advance(r.advanceMs);
        else fake.advanceTo(r.to);
      } catch (error) {
        return json({ error: (error as Error).message }, 400);
      }
      return json({ now: fake.now(), iso: new Date(fake.now()).toISOString() });
    }
    case "/admin/faults": {
      const r = parse(FaultRuleSchema);
      return r instanceof Response ? r : json({ id: fake.injectFault(r) });
    }
    case "/admin/accounts": {
      const r = parse(NewAccount);
      return r instanceof Response ? r : json(fake.createAccount(r));
    }
    case "/admin/agents": {
      const r = parse(Agent);
      if (r instanceof Response) return r;
      fake.approveAgent(r.account, r.agent);
      return json({ approved: true });
    }
    case "/admin/ws/drop":
      return json({ dropped: fake.dropWebSockets() });
    default:
      return json({ error: "not found" }, 404);
  }
}

/**
 * POST /exchange: parse the signed request, check expiry and nonce window, recover the signer with
 * the adapter's own signing module (L1 phantom-agent scheme, or the user-signed scheme for
 * approveAgent) over the CANONICAL action, resolve signer → account (itself or as approved agent),
 * enforce nonce uniqueness, then execute. Refusals use Hyperliquid's verbatim messages.
 */
import * as z from "zod";
import { recoverL1Signer, recoverUserSignedSigner } from "../hyperliquid/signing/index.ts";
import type { Account } from "./accounts.ts";
import { Action, batchLength, canonicalAction, type ParsedAction } from "./canonical.ts";
import type { FaultRule } from "./faults.ts";
import type { NonceBook } from "./nonces.ts";
import type { FakeState } from "./state.ts";
import { cancelOrder, placeOrder, scheduleCancel, updateLeverage } from "./venue.ts";

const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const Body = z.object({
  action: Action,
  nonce: z.number().int().nonnegative(),
  signature: z.object({ r: z.string(), s: z.string(), v: z.number().int() }),
  vaultAddress: Address.nullish(),
  expiresAfter: z.number().int().nonnegative().nullish(),
});
export type ExchangeRequest = z.infer<typeof Body>;

export interface ExchangeContext {
  state: FakeState;
  nonces: NonceBook;
  isMainnet: boolean;
  /** The exchange's time for the nonce window (the fake clock, or wall time for demos). */
  nonceNow: () => number;
}

export function parseExchange(raw: unknown): ExchangeRequest | null {
  const parsed = Body.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function exchangeBatch(req: ExchangeRequest): number {
  return batchLength(req.action);
}

const err = (response: string) => ({ status: "err", response });
const ok = (response: unknown) => ({ status: "ok", response });

export function executeExchange(ctx: ExchangeContext, req: ExchangeRequest, faults: FaultRule[]): unknown {
  const { state } = ctx;
  const now = state.clock.now();
  if (req.expiresAfter != null && req.expiresAfter < now) {
    return err(`Action already expired: expiresAfter ${req.expiresAfter} < block time ${now}`);
  }
  const window = ctx.nonces.checkWindow(req.nonce, ctx.nonceNow());
  if (window) return err(window);
  let signer: string;
  try {
    signer = recover(ctx, req);
  } catch {
    return err("Unable to recover signer.");
  }
  const account = resolveAccount(state, req, signer);
  if (typeof account === "string") return err(account);
  const nonce = ctx.nonces.use(signer, req.nonce);
  if (nonce) return err(nonce);
  account.actions++;
  const reject = faults.find((f) => f.kind === "reject");
  if (reject && req.action.type !== "order")
    return err(reject.message ?? "Action rejected by injected fault.");
  return dispatch(state, account, req.action, faults);
}

function recover(ctx: ExchangeContext, req: ExchangeRequest): string {
  const a = req.action;
  if (a.type === "approveAgent") {
    if (a.nonce !== req.nonce) throw new Error("nonce mismatch");
    return recoverUserSignedSigner(
      "HyperliquidTransaction:ApproveAgent",
      {
        signatureChainId: a.signatureChainId as `0x${string}`,
        hyperliquidChain: a.hyperliquidChain,
        agentAddress: a.agentAddress,
        agentName: a.agentName ?? "",
        nonce: a.nonce,
      },
      req.signature as { r: `0x${string}`; s: `0x${string}`; v: number },
    );
  }
  return recoverL1Signer(
    {
      action: canonicalAction(a),
      nonce: req.nonce,
      vaultAddress: req.vaultAddress?.toLowerCase() ?? undefined,
      expiresAfter: req.expiresAfter ?? undefined,
      isMainnet: ctx.isMainnet,
    },
    req.signature as { r: `0x${string}`; s: `0x${string}`; v: number },
  );
}

function resolveAccount(state: FakeState, req: ExchangeRequest, signer: string): Account | string {
  if (req.action.type === "approveAgent") {
    return state.accounts.get(signer) ?? `Must deposit before performing actions. User: ${signer}`;
  }
  const acting = state.accounts.resolve(signer);
  if (!acting) return `User or API Wallet ${signer} does not exist.`;
  if (!req.vaultAddress) return acting;
  const vault = state.accounts.get(req.vaultAddress);
  if (!vault || state.accounts.ownerOf(vault.address) !== acting.address) {
    return `User or API Wallet ${signer} does not exist.`;
  }
  return vault;
}

function dispatch(state: FakeState, account: Account, a: ParsedAction, faults: FaultRule[]): unknown {
  switch (a.type) {
    case "order": {
      const reject = faults.find((f) => f.kind === "reject");
      const partial = faults.find((f) => f.kind === "partialFill");
      const fault = {
        ...(reject ? { rejectMessage: reject.message ?? "Insufficient margin to place order." } : {}),
        ...(partial ? { fillFraction: partial.fillFraction ?? 0.5 } : {}),
      };
      const statuses = a.orders.map((o) => placeOrder(state, account, o, fault));
      return ok({ type: "order", data: { statuses } });
    }
    case "cancel":
      return ok({
        type: "cancel",
        data: { statuses: a.cancels.map((c) => cancelOrder(state, account, c.a, state.orders.get(c.o))) },
      });
    case "cancelByCloid":
      return ok({
        type: "cancel",
        data: {
          statuses: a.cancels.map((c) =>
            cancelOrder(state, account, c.asset, state.orders.byClientId(account.address, c.cloid)),
          ),
        },
      });
    case "updateLeverage": {
      const e = updateLeverage(account, a.asset, a.isCross, a.leverage);
      return e ? err(e) : ok({ type: "default" });
    }
    case "scheduleCancel": {
      const e = scheduleCancel(state, account, a.time);
      return e ? err(e) : ok({ type: "default" });
    }
    case "approveAgent":
      state.accounts.approveAgent(account.address, a.agentAddress);
      return ok({ type: "default" });
  }
}

/**
 * Signed exchange actions: order (limit Gtc/Ioc/Alo, stop-market / take-profit triggers), cancel,
 * cancelByCloid, updateLeverage, scheduleCancel. Each call validates locally, builds the action in
 * canonical key order, signs it with a fresh nonce and POSTs it once. Per-order outcomes come back
 * as values (one per order, in order) so the caller sees exactly which order failed; a refused whole
 * action throws ExchangeRejectError; TransportError.outcomeUnknown means: reconcile by cloid.
 */
import type { Clock } from "../core/clock.ts";
import {
  cancelAction,
  cancelByCloidAction,
  type ExchangeAction,
  type Grouping,
  type OrderSpec,
  type OrderType,
  orderAction,
  scheduleCancelAction,
  updateLeverageAction,
} from "./actions.ts";
import type { ActionClass, AddressBudget } from "./address-budget.ts";
import type { AssetBook } from "./assets.ts";
import type { DecimalInput } from "./decimal.ts";
import { ExchangeRejectError, InvalidOrderError } from "./errors.ts";
import { isValidPrice, isValidSize, MIN_ORDER_NOTIONAL_USD, meetsMinNotional } from "./format.ts";
import type { HttpTransport } from "./http.ts";
import type { NonceManager } from "./nonce.ts";
import { type CancelOutcome, cancelOutcome, type OrderOutcome, orderOutcome } from "./order-outcomes.ts";
import { decode } from "./schemas/common.ts";
import { ExchangeResponse, type ItemStatus } from "./schemas/exchange.ts";
import { signedBody } from "./signed-body.ts";
import type { Signer } from "./signing/signer.ts";

/** An order by coin; price and size must already sit on the tick/lot grid (see format.ts). */
export interface OrderRequest {
  coin: string;
  isBuy: boolean;
  price: DecimalInput;
  size: DecimalInput;
  reduceOnly?: boolean;
  type: OrderType;
  /** 0x + 32 hex; strongly advised: it is how an unknown outcome gets reconciled. */
  cloid?: string;
}

export interface ExchangeClientOptions {
  transport: HttpTransport;
  signer: Signer;
  nonces: NonceManager;
  assets: AssetBook;
  clock: Clock;
  /** Signs with source "a" (mainnet) or "b" (testnet and custom/fake servers). */
  isMainnet: boolean;
  /** Set only when trading for a sub-account or vault. */
  vaultAddress?: string;
  /** When set, every action carries expiresAfter = now + this (ms). */
  expiresAfterMs?: number;
  addressBudget?: AddressBudget;
}

export class ExchangeClient {
  constructor(private readonly options: ExchangeClientOptions) {}

  async order(orders: readonly OrderRequest[], grouping: Grouping = "na"): Promise<OrderOutcome[]> {
    const specs = orders.map((o) => this.#spec(o));
    const statuses = await this.#send(orderAction(specs, grouping), "order", orders.length);
    return orders.map((o, i) => ({
      cloid: o.cloid?.toLowerCase(),
      ...orderOutcome(statuses, i, orders.length),
    }));
  }

  async cancel(cancels: readonly { coin: string; oid: number }[]): Promise<CancelOutcome[]> {
    const action = cancelAction(
      cancels.map((c) => ({ asset: this.options.assets.get(c.coin).index, oid: c.oid })),
    );
    const statuses = await this.#send(action, "cancel", cancels.length);
    return cancels.map((_, i) => cancelOutcome(statuses, i, cancels.length));
  }

  async cancelByCloid(cancels: readonly { coin: string; cloid: string }[]): Promise<CancelOutcome[]> {
    const action = cancelByCloidAction(
      cancels.map((c) => ({ asset: this.options.assets.get(c.coin).index, cloid: c.cloid })),
    );
    const statuses = await this.#send(action, "cancel", cancels.length);
    return cancels.map((_, i) => cancelOutcome(statuses, i, cancels.length));
  }

  async updateLeverage(coin: string, leverage: number, mode: "cross" | "isolated"): Promise<void> {
    const asset = this.options.assets.get(coin);
    if (leverage > asset.maxLeverage) {
      throw new InvalidOrderError(`${coin} leverage ${leverage} exceeds maxLeverage ${asset.maxLeverage}`);
    }
    if (mode === "cross" && asset.onlyIsolated)
      throw new InvalidOrderError(`${coin} allows isolated margin only`);
    await this.#send(updateLeverageAction(asset.index, mode === "cross", leverage), "other", 1);
  }

  /** Dead-man switch: cancel all orders at `time` (epoch ms, ≥ now + 5 s), or clear it with null. */
  async scheduleCancel(time: number | null): Promise<void> {
    await this.#send(scheduleCancelAction(time), "other", 1);
  }

  #spec(o: OrderRequest): OrderSpec {
    const asset = this.options.assets.get(o.coin);
    const px = String(o.price);
    if (!isValidPrice(o.price, asset.szDecimals)) {
      throw new InvalidOrderError(
        `${o.coin} price ${px} is off the tick grid (szDecimals ${asset.szDecimals})`,
      );
    }
    if (!isValidSize(o.size, asset.szDecimals)) {
      throw new InvalidOrderError(
        `${o.coin} size ${String(o.size)} is off the lot grid (szDecimals ${asset.szDecimals})`,
      );
    }
    if ("trigger" in o.type && !isValidPrice(o.type.trigger.triggerPx, asset.szDecimals)) {
      throw new InvalidOrderError(
        `${o.coin} trigger price ${String(o.type.trigger.triggerPx)} is off the tick grid`,
      );
    }
    const reduceOnly = o.reduceOnly ?? false;
    if (!reduceOnly && !meetsMinNotional(o.price, o.size)) {
      throw new InvalidOrderError(`${o.coin} order value is below the $${MIN_ORDER_NOTIONAL_USD} minimum`);
    }
    return {
      asset: asset.index,
      isBuy: o.isBuy,
      price: o.price,
      size: o.size,
      reduceOnly,
      type: o.type,
      cloid: o.cloid,
    };
  }

  /** Signs and posts one action; returns its per-item statuses (empty for default responses). */
  async #send(action: ExchangeAction, kind: ActionClass, items: number): Promise<ItemStatus[]> {
    const { signer, nonces, clock, isMainnet, vaultAddress, expiresAfterMs, addressBudget, transport } =
      this.options;
    addressBudget?.reserve(kind, items);
    const body = signedBody(signer, action, {
      nonce: nonces.next(),
      isMainnet,
      vaultAddress,
      expiresAfter: expiresAfterMs === undefined ? undefined : Math.floor(clock.now() + expiresAfterMs),
    });
    const response = decode(
      ExchangeResponse,
      await transport.exchange({ ...body }, items),
      `${action.type} response`,
    );
    if (response.status === "err") throw new ExchangeRejectError(action.type, response.response);
    return response.response.data?.statuses ?? [];
  }
}

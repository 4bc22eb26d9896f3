/**
 * Builders for the exchange actions we sign, with keys inserted in the node's canonical order (the
 * msgpack hash depends on it): order `type, orders, grouping`; order wire `a, b, p, s, r, t, c?`;
 * trigger `isMarket, triggerPx, tpsl`; cancel `type, cancels[{a, o}]`; cancelByCloid
 * `type, cancels[{asset, cloid}]`; updateLeverage `type, asset, isCross, leverage`; scheduleCancel
 * `type, time?`. Optional keys are absent, never undefined. Numbers become canonical wire strings.
 */
import { assertCloid } from "./cloid.ts";
import type { DecimalInput } from "./decimal.ts";
import { InvalidOrderError } from "./errors.ts";
import { toWire } from "./format.ts";

export type Tif = "Gtc" | "Ioc" | "Alo";
export type Tpsl = "tp" | "sl";
export type Grouping = "na" | "normalTpsl" | "positionTpsl";

export type OrderType =
  | { limit: { tif: Tif } }
  | { trigger: { isMarket: boolean; triggerPx: DecimalInput; tpsl: Tpsl } };

/** One order addressed by asset index, prices/sizes as decimal strings (or exact numbers). */
export interface OrderSpec {
  asset: number;
  isBuy: boolean;
  price: DecimalInput;
  size: DecimalInput;
  reduceOnly: boolean;
  type: OrderType;
  cloid?: string | undefined;
}

export type OrderTypeWire =
  | { limit: { tif: Tif } }
  | { trigger: { isMarket: boolean; triggerPx: string; tpsl: Tpsl } };

export interface OrderWire {
  a: number;
  b: boolean;
  p: string;
  s: string;
  r: boolean;
  t: OrderTypeWire;
  c?: string;
}

function orderTypeWire(type: OrderType): OrderTypeWire {
  if ("limit" in type) return { limit: { tif: type.limit.tif } };
  const { isMarket, triggerPx, tpsl } = type.trigger;
  return { trigger: { isMarket, triggerPx: toWire(triggerPx), tpsl } };
}

export function orderWire(spec: OrderSpec): OrderWire {
  const wire: OrderWire = {
    a: spec.asset,
    b: spec.isBuy,
    p: toWire(spec.price),
    s: toWire(spec.size),
    r: spec.reduceOnly,
    t: orderTypeWire(spec.type),
  };
  if (spec.cloid !== undefined) wire.c = assertCloid(spec.cloid);
  return wire;
}

export interface OrderAction {
  type: "order";
  orders: OrderWire[];
  grouping: Grouping;
}

export function orderAction(specs: readonly OrderSpec[], grouping: Grouping = "na"): OrderAction {
  return { type: "order", orders: specs.map(orderWire), grouping };
}

export interface CancelAction {
  type: "cancel";
  cancels: { a: number; o: number }[];
}

export function cancelAction(cancels: readonly { asset: number; oid: number }[]): CancelAction {
  return { type: "cancel", cancels: cancels.map((c) => ({ a: c.asset, o: c.oid })) };
}

export interface CancelByCloidAction {
  type: "cancelByCloid";
  cancels: { asset: number; cloid: string }[];
}

export function cancelByCloidAction(
  cancels: readonly { asset: number; cloid: string }[],
): CancelByCloidAction {
  return {
    type: "cancelByCloid",
    cancels: cancels.map((c) => ({ asset: c.asset, cloid: assertCloid(c.cloid) })),
  };
}

export interface UpdateLeverageAction {
  type: "updateLeverage";
  asset: number;
  isCross: boolean;
  leverage: number;
}

export function updateLeverageAction(
  asset: number,
  isCross: boolean,
  leverage: number,
): UpdateLeverageAction {
  if (!Number.isInteger(leverage) || leverage < 1) {
    throw new InvalidOrderError(`leverage must be a positive integer, got ${leverage}`);
  }
  return { type: "updateLeverage", asset, isCross, leverage };
}

export interface ScheduleCancelAction {
  type: "scheduleCancel";
  time?: number;
}

/** Dead-man switch: cancel all orders at `time` (epoch ms), or clear the schedule with null. */
export function scheduleCancelAction(time: number | null): ScheduleCancelAction {
  return time === null ? { type: "scheduleCancel" } : { type: "scheduleCancel", time };
}

export type ExchangeAction =
  | OrderAction
  | CancelAction
  | CancelByCloidAction
  | UpdateLeverageAction
  | ScheduleCancelAction;

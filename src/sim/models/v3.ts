/** v3: v2 plus setup-key dedup, so one economic setup is one training row. */
import { frictionV2 } from "./friction-v2.ts";
import type { FrictionModel } from "./model.ts";

export const v3: FrictionModel = Object.freeze({
  ...frictionV2,
  tag: "v3",
  description: "v2 + setup-key dedup of training rows",
  dedupSetups: true,
});

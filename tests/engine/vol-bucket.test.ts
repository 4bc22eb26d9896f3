import { describe, expect, test } from "bun:test";
import { FeaturesSection, VolBucketSection } from "../../src/config/sections/features.ts";
import { volBucket } from "../../src/engine/vol-bucket.ts";

describe("volBucket", () => {
  const cfg = FeaturesSection.parse({}).vol_bucket;

  test("low below 0.6, high from 1.5, mid between", () => {
    expect(volBucket(0.59, cfg)).toBe("low");
    expect(volBucket(0.6, cfg)).toBe("mid");
    expect(volBucket(1.49, cfg)).toBe("mid");
    expect(volBucket(1.5, cfg)).toBe("high");
  });

  test("thresholds must be ordered", () => {
    expect(VolBucketSection.safeParse({ low_below: 1.2, high_from: 1.1 }).success).toBe(false);
  });
});

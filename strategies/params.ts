/**
 * Live and shadow parameter sets share one zod schema (field docs, bounds) and differ only in their
 * defaults: `withDefaults` re-defaults the named fields, so a config that overrides one shadow field
 * keeps the shadow defaults (not the live ones) for every other field.
 */
import * as z from "zod";

type Shape = Record<string, z.ZodType>;

export function withDefaults<S extends z.ZodObject<Shape>>(schema: S, defaults: Partial<z.output<S>>): S {
  const shape: Shape = { ...schema.shape };
  for (const [key, value] of Object.entries(defaults)) {
    const field = shape[key];
    if (!(field instanceof z.ZodDefault)) throw new TypeError(`param ${key} has no default to replace`);
    shape[key] = (field.removeDefault() as z.ZodType).default(value);
  }
  return z.strictObject(shape) as unknown as S;
}

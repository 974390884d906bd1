/**
 * Valid inputs broken once each, the ways a crafted request would: a value
 * replaced or tainted, a key dropped or added, or no object at all. Every
 * break is a plain value fast-check can shrink.
 */
import fc from "fast-check";
import {
  awkwardNumbers,
  awkwardStrings,
  hostileValues,
  hugeStrings,
  pollutingValue,
  unknownKeys,
} from "./hostile-values";

export type Break =
  | { kind: "replace"; at: number; by: unknown }
  | { kind: "taint"; at: number; by: string }
  | { kind: "drop"; at: number }
  | { kind: "add"; at: number; key: string; value: unknown }
  | { kind: "root"; by: unknown };

const breaks: fc.Arbitrary<Break> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), by: hostileValues }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("taint" as const),
      at: fc.nat(),
      by: fc.oneof(awkwardStrings, hugeStrings),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      at: fc.nat(),
      key: unknownKeys,
      value: fc.oneof(pollutingValue, hostileValues),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("root" as const),
      by: fc.oneof(
        fc.constant(undefined),
        fc.constant(null),
        awkwardStrings,
        awkwardNumbers,
        fc.boolean(),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
      ),
    }),
  },
);

/** Each valid value broken once (a fresh copy; fast-check reuses values while shrinking). */
export function hostileInputs(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, breaks).map(([value, change]) => applyBreak(structuredClone(value), change));
}

interface Slot {
  value: unknown;
  /** Where the value sits; absent for the whole input. */
  parent?: Record<string, unknown> | unknown[];
  key?: string | number;
}

export function applyBreak(input: unknown, change: Break): unknown {
  if (change.kind === "root") return change.by;
  const slots = slotsOf(input);
  const pick = <T>(list: T[], at: number) => list[at % list.length]!;
  const put = (slot: Slot, value: unknown) => {
    if (!slot.parent) return value;
    if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
    else setOwn(slot.parent, slot.key as string, value);
    return input;
  };
  switch (change.kind) {
    case "replace":
      return put(pick(slots, change.at), change.by);
    case "taint": {
      // Keeps the original length where it can, so the string may still pass its length rules.
      const strings = slots.filter((slot) => typeof slot.value === "string");
      if (strings.length === 0) return put(pick(slots, change.at), change.by);
      const slot = pick(strings, change.at);
      const original = slot.value as string;
      return put(slot, (change.by + original).slice(0, Math.max(original.length, change.by.length)));
    }
    case "drop": {
      const keyed = slots.filter((slot) => slot.parent && !Array.isArray(slot.parent));
      if (keyed.length === 0) return undefined;
      const slot = pick(keyed, change.at);
      delete (slot.parent as Record<string, unknown>)[slot.key as string];
      return input;
    }
    case "add": {
      const objects = slots.filter((slot) => isPlainObject(slot.value));
      if (objects.length === 0) return Object.defineProperty({}, change.key, { value: change.value, enumerable: true });
      setOwn(pick(objects, change.at).value as Record<string, unknown>, change.key, change.value);
      return input;
    }
  }
}

function slotsOf(input: unknown): Slot[] {
  const slots: Slot[] = [{ value: input }];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        slots.push({ value: item, parent: value, key: index });
        visit(item);
      });
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        slots.push({ value: item, parent: value, key });
        visit(item);
      }
    }
  };
  visit(input);
  return slots;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Own property on the object, even for `__proto__`: what JSON.parse makes of `{"__proto__": …}`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * fast-check arbitraries for procedure inputs, derived from their zod schemas.
 *
 * `validInputs` reads the schema's JSON Schema form (`z.toJSONSchema`) and draws
 * values it describes. Rules JSON Schema cannot say (a `.trim()` before `.min(1)`,
 * "closes after it opens") are not followed, so a few drawn values still fail the
 * schema: callers ask the schema itself which ones pass.
 *
 * `hostileInputs` takes such values and breaks them the ways a crafted request
 * would: a key dropped or added, a field of the wrong type, huge or awkward
 * strings and numbers, deep nesting, prototype keys, no object at all. Every
 * break is a plain value fast-check can shrink.
 */
import fc from "fast-check";
import { z } from "zod";

/** The subset of JSON Schema that `z.toJSONSchema` writes for input schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  [keyword: string]: unknown;
}

/** Real values to offer besides generated ones, so valid inputs name things
 *  that exist and reach a handler's rules instead of stopping at "not found". */
export interface InputHints {
  /** For a property of this name, wherever it appears (e.g. `cycleId`). */
  byProperty?: Record<string, readonly unknown[]>;
  /** For the keys of a record held by a property of this name (e.g. `ratings`: statement ids). */
  byRecordKey?: Record<string, readonly string[]>;
}

export interface ValidInputs {
  arbitrary: fc.Arbitrary<unknown>;
  /** Parts of the schema drawn as `fc.anything()` because this module cannot read them, as "where: what". */
  unsupported: string[];
}

/** Keywords that carry no constraint on the value. */
const ANNOTATIONS = new Set([
  "$schema",
  "$id",
  "title",
  "description",
  "default",
  "examples",
  "readOnly",
  "writeOnly",
  "deprecated",
  "id",
]);
/** Keywords each branch below understands; anything else is reported as unsupported. */
const UNDERSTOOD: Record<string, readonly string[]> = {
  object: ["type", "properties", "required", "additionalProperties", "propertyNames"],
  array: ["type", "items", "prefixItems", "minItems", "maxItems"],
  string: ["type", "minLength", "maxLength", "pattern", "format"],
  number: ["type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
  integer: ["type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
  boolean: ["type"],
  null: ["type"],
};

/** Generated strings stay short unless the schema asks for more; the exact maximum is tried separately. */
const TYPICAL_EXTRA_LENGTH = 40;
/** Strings at their maximum length are drawn only up to this size, to keep each case cheap. */
const LONGEST_BOUNDARY_STRING = 10_000;
const TYPICAL_EXTRA_ITEMS = 6;
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

export function validInputs(schema: z.ZodType, hints: InputHints = {}): ValidInputs {
  const unsupported: string[] = [];
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
  } catch (error) {
    // Transforms, dates, bigints… have no JSON Schema: they come out as `{}`.
    unsupported.push(`input: ${error instanceof Error ? error.message : String(error)}`);
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  }
  return { arbitrary: arbitraryFor(json, { where: "input", hints, unsupported }), unsupported };
}

interface Walk {
  where: string;
  /** The property holding the value being drawn, if any. */
  name?: string;
  hints: InputHints;
  unsupported: string[];
}

function arbitraryFor(schema: JsonSchema, walk: Walk): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((member) => arbitraryFor(member, walk)));
  if ("const" in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => arbitraryFor({ ...schema, type }, walk)));

  const type = schema.type;
  const understood = type ? UNDERSTOOD[type] : undefined;
  const unknownKeywords = Object.keys(schema).filter(
    (keyword) => !ANNOTATIONS.has(keyword) && !understood?.includes(keyword),
  );
  if (!type && unknownKeywords.length === 0) return fc.anything(); // `{}`: z.unknown() or z.any()
  if (!understood || unknownKeywords.length > 0) {
    walk.unsupported.push(`${walk.where}: ${unknownKeywords.join(", ") || `type ${type}`}`);
    return fc.anything();
  }
  switch (type) {
    case "object":
      return objectArbitrary(schema, walk);
    case "array":
      return arrayArbitrary(schema, walk);
    case "string":
      return stringArbitrary(schema, walk);
    case "integer":
      return integerArbitrary(schema);
    case "number":
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum,
        max: schema.maximum ?? schema.exclusiveMaximum,
        minExcluded: schema.exclusiveMinimum !== undefined,
        maxExcluded: schema.exclusiveMaximum !== undefined,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    default:
      return fc.constant(null);
  }
}

function objectArbitrary(schema: JsonSchema, walk: Walk): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const generated = arbitraryFor(property, { ...walk, where: `${walk.where}.${key}`, name: key });
    model[key] = withKnownValues(generated, walk.hints.byProperty?.[key]);
  }
  const known = fc.record(model, { requiredKeys: schema.required ?? [], noNullPrototype: true });
  // A record (`z.record`) or a catch-all: extra keys described by a schema of their own.
  if (typeof schema.additionalProperties !== "object") return known;
  const drawnKeys = schema.propertyNames
    ? arbitraryFor(schema.propertyNames, { ...walk, where: `${walk.where}[key]`, name: undefined })
    : fc.string();
  const keys = withKnownValues(
    drawnKeys as fc.Arbitrary<string>,
    walk.name ? walk.hints.byRecordKey?.[walk.name] : undefined,
  );
  const values = arbitraryFor(schema.additionalProperties, { ...walk, where: `${walk.where}[value]`, name: undefined });
  const extra = fc.dictionary(keys, values, { maxKeys: TYPICAL_EXTRA_ITEMS, noNullPrototype: true });
  return fc.tuple(extra, known).map(([more, fixed]) => ({ ...more, ...fixed }));
}

function arrayArbitrary(schema: JsonSchema, walk: Walk): fc.Arbitrary<unknown> {
  const item = (index: number | string, member: JsonSchema) =>
    arbitraryFor(member, { ...walk, where: `${walk.where}[${index}]` });
  if (schema.prefixItems) {
    const tuple = fc.tuple(...schema.prefixItems.map((member, index) => item(index, member)));
    if (schema.items && !Array.isArray(schema.items)) walk.unsupported.push(`${walk.where}: items after prefixItems`);
    return tuple;
  }
  if (!schema.items || Array.isArray(schema.items))
    return fc.array(fc.anything(), { minLength: schema.minItems, maxLength: schema.maxItems });
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.min(schema.maxItems ?? Infinity, minLength + TYPICAL_EXTRA_ITEMS);
  return fc.array(item("n", schema.items), { minLength, maxLength });
}

function stringArbitrary(schema: JsonSchema, walk: Walk): fc.Arbitrary<unknown> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? Infinity;
  if (schema.pattern) {
    // zod writes its formats (uuid, email, date…) as a JavaScript regular expression.
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((text) => text.length >= minLength && text.length <= maxLength);
  }
  if (schema.format) {
    walk.unsupported.push(`${walk.where}: format ${schema.format} without a pattern`);
    return fc.anything();
  }
  const typical = fc.string({ minLength, maxLength: Math.min(maxLength, minLength + TYPICAL_EXTRA_LENGTH) });
  if (maxLength > LONGEST_BOUNDARY_STRING || maxLength <= minLength + TYPICAL_EXTRA_LENGTH) return typical;
  return fc.oneof(
    { weight: 4, arbitrary: typical },
    { weight: 1, arbitrary: fc.string({ minLength: maxLength, maxLength }) },
  );
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min =
    schema.minimum ??
    (schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : Number.MIN_SAFE_INTEGER);
  const max =
    schema.maximum ??
    (schema.exclusiveMaximum !== undefined ? Math.ceil(schema.exclusiveMaximum) - 1 : Number.MAX_SAFE_INTEGER);
  // fc.integer stays within 32 bits; the exact bounds are offered besides.
  const [low, high] = [Math.max(min, INT32.min), Math.min(max, INT32.max)];
  const bounds = fc.constantFrom(min, max);
  if (low > high) return bounds;
  const inner = fc.integer({ min: low, max: high });
  return low === min && high === max ? inner : fc.oneof(inner, bounds);
}

function withKnownValues<T>(generated: fc.Arbitrary<T>, known: readonly T[] | undefined): fc.Arbitrary<T> {
  if (!known || known.length === 0) return generated;
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated });
}

// ------------------------------------------------------------------ breaking valid inputs

/** Own property on the object, even for `__proto__`: what JSON.parse makes of `{"__proto__": …}`. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Set on Object.prototype if a prototype key were ever merged into a plain object. */
export const POLLUTION_CANARY = "fuzzPolluted";

const awkwardStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "'; drop table people; --",
  "' or '1'='1",
  "\\",
  "%s%n%x",
  "${7*7}{{7*7}}",
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "\uD800",
  "\uDFFF\uD800x",
  "Ω≈ç√∫ åß∂ƒ",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "\u202Eevil",
  "e\u0301\u0301\u0301",
  "\r\n\t\v\f",
  "NaN",
  "null",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "0000-02-29",
  "9999-12-31",
  "2026-02-30",
  "a@b.co",
);

/** Past the limits of text fields (a comment is at most 4,000), up to 100,000 characters of one repeated unit. */
const hugeStrings = fc
  .tuple(fc.constantFrom("x", "é", "😀", "\u0000", "'", " "), fc.integer({ min: 4_001, max: 100_000 }))
  .map(([unit, length]) => unit.repeat(length).slice(0, length));

/** JSON cannot carry NaN or ±Infinity, but superjson (the app's transformer) can. */
const awkwardNumbers = fc.constantFrom(
  1e308,
  -1e308,
  -1,
  0,
  -0,
  0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 1,
  -(2 ** 53) - 1,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
);

/** Other values superjson rebuilds from a request body. */
const superjsonValues = fc
  .constantFrom(
    () => undefined,
    () => 10n ** 30n,
    () => new Date(0),
    () => new Date(NaN),
    () => new Map([["a", 1]]),
    () => new Set([1]),
    () => /.*/,
  )
  .map((make) => make());

const deeplyNested = fc.tuple(fc.boolean(), fc.integer({ min: 20, max: 5_000 })).map(([arrays, depth]) => {
  let value: unknown = "deep";
  for (let level = 0; level < depth; level++) value = arrays ? [value] : { a: value };
  return value;
});

const wrongTypes = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3, noNullPrototype: true }),
);

export const hostileValues: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: wrongTypes },
  { weight: 3, arbitrary: awkwardStrings },
  { weight: 2, arbitrary: hugeStrings },
  { weight: 3, arbitrary: awkwardNumbers },
  { weight: 1, arbitrary: superjsonValues },
  { weight: 1, arbitrary: deeplyNested },
);

const prototypeKeys = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "then",
  "",
);
const unknownKeys = fc.oneof(prototypeKeys, fc.string({ minLength: 1, maxLength: 12 }));
/** What a prototype key would carry if it polluted anything. */
const pollutingValue = fc.constant(null).map(() => ({ [POLLUTION_CANARY]: true, admin: true, roles: { admin: true } }));

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

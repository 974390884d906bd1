/**
 * Valid inputs of a procedure, drawn from its zod schema's JSON Schema form
 * (`z.toJSONSchema`). Rules JSON Schema cannot say (a `.trim()` before
 * `.min(1)`, "closes after it opens") are not followed, so a few drawn values
 * still fail the schema: callers ask the schema itself which ones pass.
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

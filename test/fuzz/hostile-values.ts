/**
 * Values a crafted request would send in place of a valid one: the wrong
 * type, awkward or huge strings, numbers JSON cannot carry, what superjson
 * rebuilds, deep nesting; and keys that try to reach an object's prototype.
 */
import fc from "fast-check";

/** Set on Object.prototype if a prototype key were ever merged into a plain object. */
export const POLLUTION_CANARY = "fuzzPolluted";

export const awkwardStrings = fc.constantFrom(
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
export const hugeStrings = fc
  .tuple(fc.constantFrom("x", "é", "😀", "\u0000", "'", " "), fc.integer({ min: 4_001, max: 100_000 }))
  .map(([unit, length]) => unit.repeat(length).slice(0, length));

/** JSON cannot carry NaN or ±Infinity, but superjson (the app's transformer) can. */
export const awkwardNumbers = fc.constantFrom(
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
export const unknownKeys = fc.oneof(prototypeKeys, fc.string({ minLength: 1, maxLength: 12 }));
/** What a prototype key would carry if it polluted anything. */
export const pollutingValue = fc
  .constant(null)
  .map(() => ({ [POLLUTION_CANARY]: true, admin: true, roles: { admin: true } }));

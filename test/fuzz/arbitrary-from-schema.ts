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
export { type InputHints, type JsonSchema, type ValidInputs, validInputs } from "./valid-inputs";
export { hostileValues, POLLUTION_CANARY } from "./hostile-values";
export { applyBreak, type Break, hostileInputs } from "./hostile-inputs";

/**
 * The first thing `npm test` does: stop at once, with one line, on a machine
 * with no Chromium for the end-to-end tests — rather than after type-check,
 * lint, unit and integration tests, minutes later.
 */
import { chromiumForEndToEndTests } from "./e2e-chromium";

chromiumForEndToEndTests();

/**
 * WellSky Connect integration: typed client, wire schemas, and mappers to Coverline's domain types.
 * The stand-in server and seeded agency live in `./fake/` and are for dev and tests only.
 */
export * from "./client.js";
export * from "./errors.js";
export * from "./mappers.js";
export * from "./meta-tags.js";
export * from "./schemas.js";
export { paths, TOKEN_PATH, buildUrl, normalizeBaseUrl } from "./paths.js";
export { paginate, collect, resolvePaging, isLastPage, MAX_PAGE_SIZE, type Page, type PageRequest } from "./paging.js";
export { appointmentSearchProblems, type AppointmentSearch } from "./appointment-search.js";
export { DEFAULT_RETRY, DEFAULT_RATE_PER_SECOND, type RetryOptions } from "./transport.js";
export { toE164, toWirePhone, formatWireDateTime, parseWireDateTime } from "./wire-format.js";

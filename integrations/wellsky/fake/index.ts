/** WellSky stand-in for dev and tests: never imported by production code. */
export { startWellSkyFake, gatewayMiss, DEV_ROSTER_PATH, type WellSkyFake, type WellSkyFakeOptions } from "./server.js";
export { buildRoster } from "./roster.js";
export { generateAgency, type SeedAgency, type GenerateAgencyOptions, type SeedEncounter } from "./seed.js";
export { FakeStore, type RequestRecord, type DeliveryRecord } from "./store.js";
export { Faults, type FaultSpec, type FaultKind } from "./faults.js";
export { startWellSkyHarness, TEST_TODAY, type WellSkyHarness } from "./harness.js";

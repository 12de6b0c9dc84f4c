/**
 * Runs the WellSky Connect stand-in alone with the seeded agency:
 *   npm run wellsky:fake            (WELLSKY_FAKE_PORT, default 4010; WELLSKY_SEED, default 42)
 */
import { z } from "zod";
import { generateAgency, startWellSkyFake } from "../integrations/wellsky/fake/index.js";

const Env = z.object({
  WELLSKY_FAKE_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  WELLSKY_FAKE_HOST: z.string().min(1).default("127.0.0.1"),
  WELLSKY_SEED: z.coerce.number().int().default(42),
  AGENCY_TIMEZONE: z.string().default("America/Denver"),
});

const env = Env.parse(process.env);
const agency = generateAgency({ seed: env.WELLSKY_SEED, today: new Date(), timezone: env.AGENCY_TIMEZONE });
const fake = await startWellSkyFake({ port: env.WELLSKY_FAKE_PORT, host: env.WELLSKY_FAKE_HOST, agency });

const open = agency.shifts.filter((s) => s.caregiverId === null && s.status === "SCHEDULED" && s.start > agency.today).length;
console.log(`WellSky stand-in listening on ${fake.url}`);
console.log(`  token:        POST ${fake.url}/oauth/accesstoken  {"grant_type":"client_credentials","client_id":"dev-client","client_secret":"dev-secret"}`);
console.log(`  credentials:  WELLSKY_BASE_URL=${fake.url} WELLSKY_CLIENT_ID=dev-client WELLSKY_CLIENT_SECRET=dev-secret WELLSKY_AGENCY_ID=${agency.agencyId}`);
console.log(
  `  agency:       ${agency.name} (seed ${agency.seed}): ${agency.caregivers.length} caregivers, ${agency.clients.length} clients, ` +
    `${agency.shifts.length} shift occurrences (${open} open upcoming), ${agency.coordinators.length} coordinators`,
);
console.log(`  try:          curl -s ${fake.url}/v1/practitioners/?_count=2 -H "Authorization: Bearer <access_token>"`);

const shutdown = () => {
  void fake.close().then(() => process.exit(0));
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);

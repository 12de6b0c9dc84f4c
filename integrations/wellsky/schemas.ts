import { z } from "zod";

/**
 * Wire schemas for the WellSky Connect resources Coverline reads and writes. They are deliberately
 * tolerant where the live API is inconsistent (reference §3, §4, §8): ids arrive as strings or numbers,
 * `expires_in` as a string, tag displays as "True"/"true"/"None". Objects are loose so that a full-replacement
 * PUT can send back every field we received, including ones we do not model.
 */

/** Integer ids serialized as strings or numbers; always a string for us. */
export const WireId = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));

/** Numbers that sometimes arrive as strings ("3599", "39.7392"). */
const NumberLike = z.union([z.number(), z.string().trim().min(1)]).pipe(z.coerce.number()).pipe(z.number().finite());

/** Booleans that sometimes arrive as strings. */
const BoolLike = z.union([z.boolean(), z.string()]).transform((v) => (typeof v === "boolean" ? v : /^(true|1|yes)$/i.test(v.trim())));

/** A `meta.tag[]` entry; display is "always a string", but tolerate numbers, booleans and null. */
export const MetaTag = z.looseObject({
  code: z.string(),
  display: z
    .union([z.string(), z.number(), z.boolean()])
    .nullish()
    .transform((v) => (v === null || v === undefined ? "" : String(v))),
});
export type MetaTag = z.infer<typeof MetaTag>;

export const Meta = z.looseObject({ tag: z.array(MetaTag).default([]) });
export type Meta = z.infer<typeof Meta>;

export const Coding = z.looseObject({ code: z.string().optional(), display: z.string().optional() });
export type Coding = z.infer<typeof Coding>;

export const HumanName = z.looseObject({
  use: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  text: z.string().optional(),
});
export type HumanName = z.infer<typeof HumanName>;

export const ContactPoint = z.looseObject({
  system: z.string().optional(),
  value: z.union([z.string(), z.number()]).transform(String).optional(),
  use: z.string().optional(),
});
export type ContactPoint = z.infer<typeof ContactPoint>;

/** A leaf extension (`{url, valueDecimal}`), as nested inside the FHIR geolocation extension. */
export const LeafExtension = z.looseObject({
  url: z.string(),
  valueDecimal: NumberLike.optional(),
  valueString: z.string().optional(),
});

/** Extensions on an address: the geolocation one nests `latitude`/`longitude` leaves. */
export const Extension = z.looseObject({
  url: z.string(),
  valueDecimal: NumberLike.optional(),
  valueString: z.string().optional(),
  extension: z.array(LeafExtension).optional(),
});
export type Extension = z.infer<typeof Extension>;

export const Address = z.looseObject({
  use: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.union([z.string(), z.number()]).transform(String).optional(),
  extension: z.array(Extension).optional(),
});
export type Address = z.infer<typeof Address>;

/** `communication[]` entries carry `coding` at top level (WellSky) or under `language` (FHIR); accept both. */
export const Communication = z.looseObject({
  coding: z.array(Coding).optional(),
  language: z.looseObject({ coding: z.array(Coding).optional() }).optional(),
  preferred: BoolLike.optional(),
});
export type Communication = z.infer<typeof Communication>;

const personFields = {
  resourceType: z.string().optional(),
  id: WireId,
  active: BoolLike.optional(),
  name: z.array(HumanName).default([]),
  telecom: z.array(ContactPoint).default([]),
  address: z.array(Address).default([]),
  gender: z.string().optional(),
  birthDate: z.string().optional(),
  communication: z.array(Communication).default([]),
  meta: Meta.optional(),
};

/** A client, prospect or referral contact (`isClient` tag tells which). */
export const WsPatient = z.looseObject(personFields);
export type WsPatient = z.infer<typeof WsPatient>;

/**
 * A caregiver or applicant (`isHired` tag). The SSN the API may include is dropped on parse: Coverline has
 * no use for it, and not holding it means it cannot leak into logs or the agent's context.
 */
export const WsPractitioner = z.looseObject(personFields).transform(({ ssn: _ssn, ...rest }) => rest);
export type WsPractitioner = z.infer<typeof WsPractitioner>;

/** `{id}` reference used by Appointment; open shifts have `null` (tolerate `{}` / `{id:null}` too). */
const IdRef = z.preprocess(
  (v) => (v && typeof v === "object" && ((v as { id?: unknown }).id === null || (v as { id?: unknown }).id === undefined || (v as { id?: unknown }).id === "") ? null : v),
  z.looseObject({ id: WireId }).nullable(),
);

export const Position = z.looseObject({ latitude: NumberLike, longitude: NumberLike });
export type Position = z.infer<typeof Position>;

/** One occurrence of a shift. Recurring shifts repeat the same `id` on several dates. */
export const WsAppointment = z.looseObject({
  resourceType: z.string().optional(),
  id: WireId,
  caregiver: IdRef.optional().transform((v) => v ?? null),
  client: z.looseObject({ id: WireId }),
  start: z.string(),
  end: z.string(),
  status: z.string().default("SCHEDULED"),
  position: Position.nullish(),
  scheduledItems: z.array(z.looseObject({ id: WireId.optional(), name: z.string().optional() })).optional(),
  tasks: z.array(z.looseObject({ id: WireId.optional(), description: z.string().optional(), status: z.string().optional() })).optional(),
  meta: Meta.optional(),
});
export type WsAppointment = z.infer<typeof WsAppointment>;

const Reference = z.looseObject({ reference: z.string().optional(), display: z.string().optional() });

/** A care log (an actual visit). Note the capital-I `Individual` the API uses. */
export const WsEncounter = z.looseObject({
  resourceType: z.string().optional(),
  id: WireId,
  status: z.string().optional(),
  subject: Reference.optional(),
  participant: z
    .union([
      z.looseObject({ Individual: z.array(Reference).optional(), individual: z.array(Reference).optional() }),
      z.array(z.looseObject({ individual: Reference.optional() })),
    ])
    .optional(),
  appointment: Reference.optional(),
  period: z.looseObject({ start: z.string().nullish(), end: z.string().nullish() }).optional(),
  rates: z.unknown().optional(),
});
export type WsEncounter = z.infer<typeof WsEncounter>;

/** Answer to EVV clock-in: the care log id to use for clock-out and task logs. */
export const ClockInResponse = z.looseObject({
  id: WireId,
  status: z.string().optional(),
  clockedOut: BoolLike.optional(),
  success: BoolLike.optional(),
  period: z.looseObject({ start: z.string().nullish(), end: z.string().nullish() }).optional(),
});
export type ClockInResponse = z.infer<typeof ClockInResponse>;

/** A shift note. */
export const WsTaskLog = z.looseObject({
  id: WireId,
  title: z.string().optional(),
  description: z.string().optional(),
  status: z.string().optional(),
  comment: z.string().optional(),
  recorded: z.string().optional(),
});
export type WsTaskLog = z.infer<typeof WsTaskLog>;

export const TaskLogCreated = z.looseObject({ success: BoolLike.optional(), taskLogId: WireId });

/** A family member or other contact; `relationship` is one object (tolerate an array). */
export const WsRelatedPerson = z.looseObject({
  resourceType: z.string().optional(),
  id: WireId,
  patient: Reference.optional(),
  name: z.array(HumanName).default([]),
  relationship: z
    .union([z.looseObject({ coding: z.array(Coding).optional(), text: z.string().optional() }), z.array(z.looseObject({ coding: z.array(Coding).optional() }))])
    .optional(),
  telecom: z.array(ContactPoint).default([]),
  address: z.array(Address).default([]),
  communication: z.array(Communication).default([]),
  emergencyContact: BoolLike.optional(),
  primaryContact: BoolLike.optional(),
  payer: BoolLike.optional(),
  poa: BoolLike.optional(),
});
export type WsRelatedPerson = z.infer<typeof WsRelatedPerson>;

/** A webhook registration; `channel.header` holds whole "Name: value" lines. */
export const WsSubscription = z.looseObject({
  resourceType: z.string().optional(),
  id: WireId,
  status: z.string().optional(),
  criteria: z.string(),
  reason: z.string().optional(),
  channel: z.looseObject({
    type: z.string().optional(),
    endpoint: z.string(),
    payload: z.string().optional(),
    header: z
      .union([z.array(z.string()), z.string()])
      .optional()
      .transform((h) => (h === undefined ? [] : Array.isArray(h) ? h : [h])),
  }),
  meta: Meta.optional(),
});
export type WsSubscription = z.infer<typeof WsSubscription>;

/** A skill/certification/language label; caregivers reference these ids in their `profileTags` tag. */
export const WsProfileTag = z.looseObject({
  resourceType: z.string().optional(),
  id: WireId,
  name: z.string(),
  description: z.string().optional(),
  type: z.string().optional(),
});
export type WsProfileTag = z.infer<typeof WsProfileTag>;

/**
 * An office to-do ("AdminTask", reference §8.8). Only the create body is documented; the GET shape is
 * assumed to echo it, so everything but the id is optional. Wire ids are integers (ours: strings).
 */
export const WsAdminTask = z.looseObject({
  resourceType: z.string().optional(),
  id: WireId,
  status: z.string().optional(),
  description: z.string().optional(),
  executionDate: z.string().optional(),
  dueDate: z.string().optional(),
  requester: z.array(z.looseObject({ resourceType: z.string().optional(), id: WireId })).optional(),
  owner: z.array(WireId).optional(),
  meta: Meta.optional(),
});
export type WsAdminTask = z.infer<typeof WsAdminTask>;

/** `{"resourceType":"X","id":...}` returned by creates. */
export const Created = z.looseObject({ resourceType: z.string().optional(), id: WireId });

/** OAuth answer; `expires_in` is a string on the live API ("3599"). */
export const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: NumberLike.pipe(z.number().positive()),
  token_type: z.string().optional(),
  issued_at: NumberLike.optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/**
 * Search envelope. Rows sit under `entry[].resource` per the Swagger, but some answers put bare resources
 * in `entry`; `totalRecords` is canonical and `total` a fallback.
 */
export const BundleEnvelope = z.looseObject({
  resourceType: z.string().optional(),
  totalRecords: NumberLike.optional(),
  total: NumberLike.optional(),
  entry: z.array(z.unknown()).nullish(),
});

/** A parsed search page. `total` is null when the server did not say. */
export interface Bundle<T> {
  entries: T[];
  total: number | null;
}

/** Unwraps `entry[i].resource ?? entry[i]`. */
export function unwrapEntries(entry: readonly unknown[] | null | undefined): unknown[] {
  return (entry ?? []).map((e) => (e && typeof e === "object" && "resource" in e ? (e as { resource: unknown }).resource : e));
}

/**
 * Parses a Bundle (or, tolerating undocumented variants, a bare array) into typed rows. Throws the zod
 * error of the first row that does not match, so bad data is loud rather than silently dropped.
 */
export function parseBundle<S extends z.ZodType>(raw: unknown, schema: S): Bundle<z.infer<S>> {
  if (Array.isArray(raw)) {
    return { entries: raw.map((r) => schema.parse(r) as z.infer<S>), total: raw.length };
  }
  const env = BundleEnvelope.parse(raw);
  const entries = unwrapEntries(env.entry).map((r) => schema.parse(r) as z.infer<S>);
  return { entries, total: env.totalRecords ?? env.total ?? null };
}

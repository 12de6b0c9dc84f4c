import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

/**
 * Field names that may hold a phone number or a message body anywhere in a log object. Health-related
 * data: logs carry ids, intents and timings, never who texted or what they said.
 */
const SENSITIVE_KEYS = ["phone", "to", "from", "text", "body", "subject", "transcript", "message", "reply", "address", "e164"];

const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.${k}`),
  "req.headers.authorization",
  'req.headers["verification-token"]',
  'req.headers["x-slack-signature"]',
];

const PHONE_PATTERN = /(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g;

/** Replaces anything shaped like a North-American phone number in free text (e.g. error messages). */
export function scrubPhones(text: string): string {
  return text.replace(PHONE_PATTERN, "[phone]");
}

function scrubError(err: unknown): unknown {
  if (typeof err === "string") return scrubPhones(err);
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err);
  return { ...out, message: scrubPhones(out.message), stack: out.stack ? scrubPhones(out.stack) : out.stack };
}

/** Creates the service logger: JSON lines, phones and bodies redacted. */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      base: { service: "coverline" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
      // Error text can quote data (a constraint violation shows the row's phone): scrub it like free text.
      serializers: { err: scrubError },
      hooks: {
        // The log message itself is free text: scrub phone-shaped substrings from it too.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubPhones(a) : a)) as typeof args;
          method.apply(this, scrubbed);
        },
      },
    },
    opts.destination,
  );
}

/** A logger that discards everything, for tests and scripts. */
export const silentLogger: Logger = pino({ level: "silent" });

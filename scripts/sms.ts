/**
 * `npm run sms -- --from <phone> "<text>"`: texts a running Coverline as if from RingCentral (POST /dev/sms)
 * and prints the replies that phone receives (GET /dev/outbox), waiting a few seconds for them.
 *   --url   server base URL (default http://127.0.0.1:$PORT, PORT default 3000)
 *   --wait  seconds to wait for replies (default 8)
 */
import { parseArgs } from "node:util";
import { z } from "zod";

const env = z.object({ PORT: z.coerce.number().int().default(3000) }).parse(process.env);
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: "string" }, url: { type: "string" }, wait: { type: "string", default: "8" } },
});
const text = positionals.join(" ").trim();
if (!values.from || !text) {
  console.error('usage: npm run sms -- --from <phone> "<text>"   (see GET /dev/roster for caregiver phones)');
  process.exit(2);
}
const base = (values.url ?? `http://127.0.0.1:${env.PORT}`).replace(/\/$/, "");
const since = new Date(Date.now() - 1000).toISOString();

let res: Response;
try {
  res = await fetch(`${base}/dev/sms`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ from: values.from, text }) });
} catch {
  console.error(`Could not reach Coverline at ${base}. Is it running (npm start)?`);
  process.exit(1);
}
const body = (await res.json()) as { from?: string; error?: { message: string } };
if (!res.ok) {
  console.error(`Rejected (${res.status}): ${body.error?.message ?? "unknown error"}`);
  process.exit(1);
}
const phone = body.from!;
console.log(`→ ${phone}: ${text}`);

const deadline = Date.now() + Number(values.wait) * 1000;
const seen = new Set<number>();
let quietSince = Date.now();
while (Date.now() < deadline) {
  await new Promise((r) => setTimeout(r, 400));
  const out = (await (await fetch(`${base}/dev/outbox?to=${encodeURIComponent(phone)}&channel=sms&since=${encodeURIComponent(since)}`)).json()) as { id: number; text: string }[];
  for (const m of out.filter((m) => !seen.has(m.id))) {
    seen.add(m.id);
    quietSince = Date.now();
    console.log(`← ${m.text.replace(/\n/g, "\n  ")}`);
  }
  // Replies come within a second or two; stop once a reply arrived and things went quiet.
  if (seen.size > 0 && Date.now() - quietSince > 1500) break;
}
if (seen.size === 0) console.log("(no reply — nothing actionable, or see the Slack outbox: GET /dev/outbox?channel=slack)");

import { DateTime } from "luxon";
import { generateAgency } from "../integrations/wellsky/fake/index.js";
const nextTuesdayMorning = () => { let d = DateTime.now().setZone("America/Denver").plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }); while (d.weekday !== 2) d = d.plus({ days: 1 }); return d.toJSDate(); };
const now = nextTuesdayMorning();
const a = generateAgency({ seed: 42, today: now, timezone: "America/Denver" });
console.log(now.toISOString(), a.caregivers.length, a.clients.length, a.contacts.length, a.coordinators);
const tz = "America/Denver";
const today = DateTime.fromJSDate(now, { zone: tz });
const active = a.caregivers.filter(c => c.active && c.hired);
let none = 0;
for (const cg of active.slice(0, 10)) {
  const mine = a.shifts.filter(s => s.caregiverId === cg.id && s.end > now && s.start < today.plus({days:2}).endOf("day").toJSDate());
  console.log(cg.id, cg.firstName, cg.lastName, cg.phone, cg.language, mine.map(s => `${s.key} ${DateTime.fromJSDate(s.start,{zone:tz}).toFormat("ccc HH:mm")}-${DateTime.fromJSDate(s.end,{zone:tz}).toFormat("HH:mm")} ${s.status} ${s.clientId}`).join(" | "));
}
const tomorrow = today.plus({days:1}).toISODate();
const noShift = active.filter(cg => !a.shifts.some(s => s.caregiverId === cg.id && DateTime.fromJSDate(s.start,{zone:tz}).toISODate() === tomorrow));
console.log("no shift tomorrow:", noShift.length, noShift.slice(0,3).map(c=>c.id));
console.log(Object.keys(a.caregivers[0]!), Object.keys(a.clients[0]!), Object.keys(a.contacts[0]!), Object.keys(a.shifts[0]!));
console.log("unassigned future:", a.shifts.filter(s=>!s.caregiverId && s.start>now).length);

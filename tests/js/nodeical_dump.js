// Read a calendar file with node-ical and print each event with its occurrences,
// in the same shape as icaljs_dump.js.
"use strict";
const ical = require("node-ical");

const [file, until = "2027-12-31"] = process.argv.slice(2);
const data = ical.sync.parseFile(file);
const to = new Date(`${until}T00:00:00Z`);
const from = new Date("2000-01-01T00:00:00Z");
const day = (date) => {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};
const show = (date, allDay) => (allDay ? day(date) : date.toISOString());
const value = (field) => (field && typeof field === "object" && "val" in field ? field.val : field);
const calendar = { name: null, events: [] };
for (const item of Object.values(data)) {
  if (item.type === "VCALENDAR") calendar.name = item["WR-CALNAME"] || null;
  if (item.type !== "VEVENT" || item.recurrenceid) continue;
  const allDay = Boolean(item.start && item.start.dateOnly);
  const instances = ical.expandRecurringEvent(item, { from, to });
  calendar.events.push({
    uid: item.uid,
    summary: value(item.summary),
    description: value(item.description),
    location: value(item.location),
    status: item.status,
    url: value(item.url),
    occurrences: instances.map((instance) => [show(instance.start, allDay), show(instance.end, allDay)]),
  });
}
process.stdout.write(JSON.stringify(calendar, null, 1));

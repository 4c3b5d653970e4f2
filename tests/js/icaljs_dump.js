// Read a calendar file with Mozilla's ical.js (the parser of Thunderbird) and
// print what a subscriber sees: each event, and the occurrences of each series.
"use strict";
const fs = require("fs");
const ICAL = require("ical.js");

const [file, until = "2027-12-31"] = process.argv.slice(2);
const root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const limit = ICAL.Time.fromDateString(until);
const toUtc = (time) => (time.isDate ? time.toString() : time.toJSDate().toISOString());
const calendar = {
  name: root.getFirstPropertyValue("x-wr-calname"),
  refresh: String(root.getFirstPropertyValue("refresh-interval") || ""),
  events: [],
};
const vevents = root.getAllSubcomponents("vevent");
for (const vevent of vevents) {
  if (vevent.hasProperty("recurrence-id")) continue;
  const uid = vevent.getFirstPropertyValue("uid");
  const exceptions = vevents.filter(
    (other) => other.hasProperty("recurrence-id") && other.getFirstPropertyValue("uid") === uid,
  );
  const event = new ICAL.Event(vevent, { strictExceptions: true, exceptions });
  const occurrences = [];
  if (event.isRecurring()) {
    const iterator = event.iterator();
    let next;
    while ((next = iterator.next()) && next.compare(limit) < 0) {
      const details = event.getOccurrenceDetails(next);
      occurrences.push([toUtc(details.startDate), toUtc(details.endDate)]);
    }
  } else {
    occurrences.push([toUtc(event.startDate), toUtc(event.endDate)]);
  }
  calendar.events.push({
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    status: vevent.getFirstPropertyValue("status"),
    url: vevent.getFirstPropertyValue("url"),
    occurrences,
  });
}
process.stdout.write(JSON.stringify(calendar, null, 1));

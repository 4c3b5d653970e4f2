// The preview figure: from saving a file until headless Chromium has reloaded that item's page.
// Usage: node benchmarks/reload.js PLAN.json
// PLAN: {"saves": N, "pause": seconds, "items": [{"key", "kind", "file", "url", "prefix", "line"}]}
// Items go kind by kind. The pages of a kind's items are opened, each in a tab of
// its own (one item per preview server, so each server sees one page shown);
// then N rounds, each saving every item of that kind once in turn (two previews
// compared by the bench alternate), its tab in front: the line of the file that starts with `prefix`
// becomes `line` with {m} replaced by a new marker, the clock starts just
// before the write, and stops at the first "load" event of a page that holds
// the marker. Prints {"key": [seconds, ...], ...} (key: the item's kind by default).
"use strict";
const fs = require("fs");
const { chromium } = require("playwright-core");

const TIMEOUT_MS = 60000;

function edit(file, prefix, line) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const index = lines.findIndex((text) => text.startsWith(prefix));
  if (index < 0) throw new Error(`${file}: no line starts with ${prefix}`);
  lines[index] = line;
  return lines.join("\n");
}

function reloadedWith(page, marker) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reload with ${marker}`)), TIMEOUT_MS);
    const onLoad = async () => {
      const at = performance.now(); // the load event's own time, not the DOM's reading below
      let html = "";
      try {
        html = await page.content();
      } catch (error) {
        return; // navigated again meanwhile: the next load decides
      }
      if (html.includes(marker)) {
        clearTimeout(timer);
        page.off("load", onLoad);
        resolve(at);
      }
    };
    page.on("load", onLoad);
  });
}

(async () => {
  const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const result = {};
  const kinds = [...new Set(plan.items.map((item) => item.kind))];
  try {
    for (const kind of kinds) {
      const group = plan.items.filter((item) => item.kind === kind);
      const pages = [];
      for (const item of group) {
        const page = await browser.newPage();
        await page.goto(item.url, { waitUntil: "load" });
        pages.push(page);
        result[item.key || item.kind] = [];
      }
      await pages[0].waitForTimeout(plan.pause * 1000);
      for (let run = 0; run < plan.saves; run++) {
        for (const [index, item] of group.entries()) {
          const page = pages[index];
          await page.bringToFront();
          const marker = `Bench-${item.kind}-${index}-${run}-${Date.now()}`;
          const text = edit(item.file, item.prefix, item.line.replace("{m}", marker));
          const reloaded = reloadedWith(page, marker);
          const started = performance.now();
          fs.writeFileSync(item.file, text);
          const ended = await reloaded;
          result[item.key || item.kind].push((ended - started) / 1000);
          // The rest of the update (and the page's reconnection to the preview) settles before the next save.
          await page.waitForTimeout(plan.pause * 1000);
        }
      }
      for (const page of pages) await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});

// The preview figure: from saving a file until headless Chromium has reloaded that item's page.
// Usage: node benchmarks/reload.js PLAN.json
// PLAN: {"saves": N, "pause": seconds, "items": [{"kind", "file", "url", "prefix", "line"}]}
// For each item, the page is opened once; then, N times: the line of the file
// that starts with `prefix` becomes `line` with {m} replaced by a new marker,
// the clock starts just before the write, and stops at the first "load" event
// of a page that holds the marker. Prints {"kind": [seconds, ...], ...}.
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
      let html = "";
      try {
        html = await page.content();
      } catch (error) {
        return; // navigated again meanwhile: the next load decides
      }
      if (html.includes(marker)) {
        const at = performance.now();
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
  try {
    for (const item of plan.items) {
      const page = await browser.newPage();
      await page.goto(item.url, { waitUntil: "load" });
      await page.waitForTimeout(plan.pause * 1000);
      result[item.kind] = [];
      for (let run = 0; run < plan.saves; run++) {
        const marker = `Bench-${item.kind}-${run}-${Date.now()}`;
        const text = edit(item.file, item.prefix, item.line.replace("{m}", marker));
        const reloaded = reloadedWith(page, marker);
        const started = performance.now();
        fs.writeFileSync(item.file, text);
        const ended = await reloaded;
        result[item.kind].push((ended - started) / 1000);
        // The rest of the update (and the page's reconnection to the preview) settles before the next save.
        await page.waitForTimeout(plan.pause * 1000);
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});

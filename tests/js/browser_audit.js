// Open built pages in headless Chromium at phone and desktop widths; run axe-core;
// record every request to another host. Usage: node browser_audit.js BASE_URL path [...]
"use strict";
const { chromium } = require("playwright-core");
const axePath = require.resolve("axe-core/axe.min.js");

(async () => {
  const [base, ...paths] = process.argv.slice(2);
  const origin = new URL(base).origin;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const results = [];
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const external = [];
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith("data:")) external.push(url);
    });
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    for (const path of paths) {
      external.length = 0;
      errors.length = 0;
      const response = await page.goto(base + path, { waitUntil: "load" });
      await page.addScriptTag({ path: axePath });
      const axe = await page.evaluate(async () => {
        const report = await window.axe.run(document, { resultTypes: ["violations"] });
        return report.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
      });
      results.push({ path, width, status: response.status(), external: [...external], errors: [...errors], violations: axe });
    }
    await context.close();
  }
  await browser.close();
  process.stdout.write(JSON.stringify(results, null, 1));
})();

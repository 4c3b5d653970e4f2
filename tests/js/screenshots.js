// Take screenshots of built pages at phone and desktop widths, as a visitor sees them.
// Usage: node tests/js/screenshots.js BASE_URL OUT_DIR path [path ...]
"use strict";
const { chromium } = require("playwright-core");

(async () => {
  const [base, out, ...paths] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  for (const [label, width] of [["phone", 390], ["desktop", 1280]]) {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    for (const path of paths) {
      await page.goto(base + path);
      const name = (path.replace(/\//g, "_") || "home").replace(/^_|_$/g, "") || "home";
      await page.screenshot({ path: `${out}/${label}-${name}.png`, fullPage: true });
    }
    await page.close();
  }
  await browser.close();
})();

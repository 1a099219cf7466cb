// axe-core's audit of many pages in one browser: what audit.mjs checks of one page (WCAG 2.0, 2.1
// and 2.2 A and AA, plus best practice, at phone and desktop widths), without a browser started for
// each, so that a whole site can be audited.
//
//   node axe-pages.mjs CHROMIUM URL [URL ...]
//
// Prints one JSON array, an object per URL: its violations (each with the width it was seen at),
// the document's scroll width against the viewport's at each width, console errors, and every
// request the page made. puppeteer-core drives the browser given and never downloads one.

import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const WIDTHS = [375, 1280];
const HEIGHT = 900;

function usage() {
  process.stderr.write("usage: node axe-pages.mjs CHROMIUM URL [URL ...]\n");
  process.exit(2);
}

function brief(v, width) {
  return {
    width,
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary })),
  };
}

async function one(page, url) {
  const console = [];
  const requests = [];
  const onConsole = (m) => m.type() === "error" && console.push(m.text());
  const onError = (e) => console.push(String(e));
  const onRequest = (r) => requests.push(r.url());
  page.on("console", onConsole);
  page.on("pageerror", onError);
  page.on("request", onRequest);
  try {
    await page.setViewport({ width: WIDTHS[1], height: HEIGHT, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ path: AXE });
    const violations = [];
    const widths = [];
    for (const width of WIDTHS) {
      await page.setViewport({ width, height: HEIGHT, deviceScaleFactor: 1 });
      const run = (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      const axe = await page.evaluate(run, TAGS);
      violations.push(...axe.violations.map((v) => brief(v, width)));
      widths.push({
        width,
        ...(await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth,
        }))),
      });
    }
    return { url, violations, widths, console, requests };
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onError);
    page.off("request", onRequest);
  }
}

async function main() {
  const [executable, ...urls] = process.argv.slice(2);
  if (!executable || urls.length === 0) usage();
  const profile = mkdtempSync(join(tmpdir(), "axe-pages-"));
  const browser = await puppeteer.launch({
    executablePath: executable,
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const results = [];
    for (const url of urls) results.push(await one(page, url));
    process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`axe-pages: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});

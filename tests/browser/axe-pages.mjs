// axe-core's audit of many pages in one browser: what audit.mjs checks of one page (WCAG 2.0, 2.1
// and 2.2 A and AA, plus best practice, at phone and desktop widths), without a browser started for
// each, so that a whole site can be audited.
//
//   node axe-pages.mjs CHROMIUM [--widths=375,1280] URL [URL ...] [--widths=375 URL ...]
//
// Each --widths applies to the URLs after it (default 375,1280): a whole site can be audited at a
// phone's width, where most goes wrong, and a sample of it at a desktop's too, in one run.
// Prints one JSON array, an object per URL, in the order given: its violations (each with the width it was seen at),
// the document's scroll width against the viewport's at each width, console errors, and every
// request the page made. puppeteer-core drives the browser given and never downloads one; axe is
// put in each page as it loads (one script, not a request the page makes).

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const WIDTHS = [375, 1280];
const OPTION = "--widths=";
const HEIGHT = 900;
const TABS = 2; // pages audited at once, each in its own tab: a machine's second core is not idle

function usage() {
  process.stderr.write("usage: node axe-pages.mjs CHROMIUM [--widths=375,1280] URL [URL ...]\n");
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

async function one(page, url, sizes) {
  const console = [];
  const requests = [];
  const onConsole = (m) => m.type() === "error" && console.push(m.text());
  const onError = (e) => console.push(String(e));
  const onRequest = (r) => requests.push(r.url());
  // Chromium's console says only "Failed to load resource: 404"; this says which.
  const onResponse = (r) => r.status() >= 400 && console.push(`HTTP ${r.status()} ${r.url()}`);
  const onFailed = (r) => console.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  page.on("request", onRequest);
  page.on("response", onResponse);
  page.on("requestfailed", onFailed);
  try {
    await page.setViewport({ width: sizes[0], height: HEIGHT, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: "load" });
    const violations = [];
    const widths = [];
    for (const width of sizes) {
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
    page.off("response", onResponse);
    page.off("requestfailed", onFailed);
  }
}

// The URLs to audit, each with the widths the --widths before it gave.
function plan(args) {
  const jobs = [];
  let sizes = WIDTHS;
  for (const arg of args) {
    if (!arg.startsWith(OPTION)) jobs.push({ url: arg, sizes });
    else sizes = arg.slice(OPTION.length).split(",").map(Number);
    if (sizes.length === 0 || sizes.some((w) => !(w > 0))) usage();
  }
  return jobs;
}

async function main() {
  const [executable, ...args] = process.argv.slice(2);
  const jobs = plan(args);
  if (!executable || jobs.length === 0) usage();
  const profile = mkdtempSync(join(tmpdir(), "axe-pages-"));
  const browser = await puppeteer.launch({
    executablePath: executable,
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
  });
  try {
    const axe = readFileSync(AXE, "utf8");
    const results = new Array(jobs.length);
    let next = 0;
    const tab = async () => {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(axe);
      while (next < jobs.length) {
        const i = next++;
        results[i] = await one(page, jobs[i].url, jobs[i].sizes);
      }
    };
    await Promise.all(Array.from({ length: Math.min(TABS, jobs.length) }, tab));
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

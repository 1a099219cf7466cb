// The board paper in a real browser: axe-core's audit in the installed Chromium, and what a reader
// sees at phone and desktop widths.
//
//   node audit.mjs PAPER.html OUT_DIR [CHROMIUM]
//
// PAPER.html may also be an http:// address (a site served locally, whose stylesheets axe can read).
// Prints one JSON object: axe's violations (WCAG 2.0, 2.1 and 2.2 A and AA, plus best practice) and,
// for each width, the document's scroll width against the viewport's, the smallest rendered size of
// the charts' text in CSS pixels, and the screenshot written to OUT_DIR/paper-WIDTH.png; and the
// address of every request the page made.
// puppeteer-core drives the browser given (or /usr/bin/chromium) and never downloads one.

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const WIDTHS = [375, 1280];
const HEIGHT = 900;

function usage() {
  process.stderr.write("usage: node audit.mjs PAPER.html OUT_DIR [CHROMIUM]\n");
  process.exit(2);
}

// Runs in the page: every SVG <text>'s font size as drawn, i.e. its computed size in the SVG's
// own units times the factor by which the SVG is scaled to fit its box.
function chartText() {
  const sizes = [];
  for (const svg of document.querySelectorAll("svg")) {
    const box = svg.viewBox.baseVal;
    const rect = svg.getBoundingClientRect();
    const scale = box && box.width ? rect.width / box.width : 1;
    for (const text of svg.querySelectorAll("text")) {
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      sizes.push({ text: text.textContent, px: Math.round(px * 100) / 100 });
    }
  }
  return sizes;
}

function measure() {
  return {
    scrollWidth: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    innerWidth: window.innerWidth,
  };
}

async function audit(page) {
  const run = (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  return page.evaluate(run, TAGS);
}

// axe runs at each width: a table that fits at 1280 px may become a scrolling region at 375 px.
async function widths(page, out) {
  const results = [];
  for (const width of WIDTHS) {
    await page.setViewport({ width, height: HEIGHT, deviceScaleFactor: 1 });
    const axe = await audit(page);
    const sizes = await page.evaluate(chartText);
    const screenshot = join(out, `paper-${width}.png`);
    await page.screenshot({ path: screenshot, fullPage: false });
    const smallest = sizes.reduce((a, s) => (a === null || s.px < a.px ? s : a), null);
    results.push({
      width,
      ...(await page.evaluate(measure)),
      chartText: smallest,
      chartTexts: sizes.length,
      screenshot,
      axe: axe.testEngine.version,
      violations: axe.violations.map(brief),
    });
  }
  return results;
}

function brief(v) {
  return {
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary })),
  };
}

async function main() {
  const [paper, outDir, executable = "/usr/bin/chromium"] = process.argv.slice(2);
  if (!paper || !outDir) usage();
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "paper-audit-"));
  const browser = await puppeteer.launch({
    executablePath: executable,
    headless: true,
    userDataDir: profile,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    const console = [];
    page.on("console", (m) => m.type() === "error" && console.push(m.text()));
    page.on("pageerror", (e) => console.push(String(e)));
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("response", (r) => r.status() >= 400 && console.push(`HTTP ${r.status()} ${r.url()}`));
    page.on("requestfailed", (r) => console.push(`failed ${r.url()}: ${r.failure()?.errorText}`));
    await page.setViewport({ width: WIDTHS[1], height: HEIGHT, deviceScaleFactor: 1 });
    const target = /^https?:\/\//.test(paper) ? paper : pathToFileURL(resolve(paper)).href;
    await page.goto(target, { waitUntil: "load" });
    await page.addScriptTag({ path: AXE });
    const measured = await widths(page, out);
    const result = {
      axe: measured[0].axe,
      tags: TAGS,
      violations: measured.flatMap((m) => m.violations.map((v) => ({ width: m.width, ...v }))),
      widths: measured.map(({ violations, axe, ...m }) => m),
      console,
      requests,
    };
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`audit: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});

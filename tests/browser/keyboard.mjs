// Keyboard-only navigation in a real browser: Tab pressed through each page from its top, as a
// person without a mouse moves, recording every link focus lands on and whether the focus is seen.
//
//   node keyboard.mjs CHROMIUM [--widths=1280,375] URL [URL ...]
//
// Each URL is walked at each width given (CSS pixels; default 1280), a phone's as well as a
// desktop's: a layout that hides a link, or moves one out of reach, at one width only shows there.
// Prints one JSON array, an object per URL and width, in that order: `url`, `width`; `links`,
// every link on the page a reader can see at that width (its href and text); `reached`, the index
// in `links` of each link focus landed on, in order; `tabs`, the presses made; `unseen`, the links focused without their look changing (outline, box-shadow,
// background or text colour, as computed before and while focused). puppeteer-core drives the
// browser given and never downloads one.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import puppeteer from "puppeteer-core";

const WIDTHS = [1280];
const HEIGHT = 900;
const LOOK = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow", "backgroundColor", "color"];

function usage() {
  process.stderr.write("usage: node keyboard.mjs CHROMIUM [--widths=1280,375] URL [URL ...]\n");
  process.exit(2);
}

// Runs in the page: every link a reader can see, tagged with its index, and how it looks unfocused.
function links(look) {
  const out = [];
  for (const a of document.querySelectorAll("a[href]")) {
    if (a.getClientRects().length === 0 || getComputedStyle(a).visibility === "hidden") continue;
    a.dataset.keyboardIndex = String(out.length);
    const style = getComputedStyle(a);
    out.push({ href: a.getAttribute("href"), text: a.textContent.trim().slice(0, 80), look: look.map((k) => style[k]) });
  }
  return out;
}

// Runs in the page: the focused element's index among the links (-1: not one of them) and its look.
function focused(look) {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const index = el.dataset && el.dataset.keyboardIndex !== undefined ? Number(el.dataset.keyboardIndex) : -1;
  return { index, tag: el.tagName.toLowerCase(), look: look.map((k) => style[k]) };
}

async function walk(page, url, width) {
  await page.setViewport({ width, height: HEIGHT, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: "load" });
  const found = await page.evaluate(links, LOOK);
  const reached = [];
  const unseen = [];
  const limit = found.length * 2 + 20;
  let tabs = 0;
  while (tabs < limit) {
    await page.keyboard.press("Tab");
    tabs += 1;
    const now = await page.evaluate(focused, LOOK);
    if (now === null) break; // past the last focusable element: back to the document
    if (now.index < 0) continue;
    if (reached.includes(now.index)) break; // round again
    reached.push(now.index);
    const before = found[now.index].look;
    if (now.look.every((v, i) => v === before[i])) unseen.push(now.index);
  }
  return { url, width, links: found.map(({ look, ...l }) => l), reached, tabs, unseen };
}

async function main() {
  const [executable, ...rest] = process.argv.slice(2);
  const option = rest.length > 0 && rest[0].startsWith("--widths=") ? rest.shift() : null;
  const widths = option ? option.slice("--widths=".length).split(",").map(Number) : WIDTHS;
  const urls = rest;
  if (!executable || urls.length === 0 || widths.some((w) => !(w > 0))) usage();
  const profile = mkdtempSync(join(tmpdir(), "keyboard-"));
  const browser = await puppeteer.launch({
    executablePath: executable,
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const results = [];
    for (const url of urls) for (const width of widths) results.push(await walk(page, url, width));
    process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`keyboard: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});

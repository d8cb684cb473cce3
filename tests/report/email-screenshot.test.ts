import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ReportModel } from "../../src/report/model.ts";
import { renderEmail } from "../../src/report/render-email.ts";
import { sampleModel } from "../fixtures/report/sample-model.ts";

/**
 * Renders the e-mail in Chromium and saves full-page screenshots to `test-artifacts/` for a human
 * to look at. Mail clients fetch `cid:` images from the message; a browser cannot, so for the
 * screenshot only the images are inlined as data: URLs. Any network request fails the test.
 */
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = resolve(import.meta.dirname, "../../test-artifacts");
const hasChromium = existsSync(CHROMIUM);

interface Layout {
  content: number;
  scrollWidth: number;
  images: { w: number; shown: number }[];
  scripts: number;
}

function inlineImages(model: ReportModel): string {
  const mail = renderEmail(model);
  return mail.images.reduce(
    (html, image) =>
      html.split(`cid:${image.cid}`).join(`data:image/png;base64,${image.png.toString("base64")}`),
    mail.html,
  );
}

describe("e-mail screenshot in Chromium", () => {
  if (!hasChromium) {
    it.skip(`skipped: ${CHROMIUM} is not installed (apt-get install chromium to see the e-mail)`, () => {});
    return;
  }

  it("renders the 600 px e-mail with every image loaded and no network access", {
    timeout: 90_000,
  }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const profile = mkdtempSync(join(tmpdir(), "sightline-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      headless: true,
      viewport: { width: 700, height: 900 },
      offline: true,
    });
    try {
      const requests: string[] = [];
      await context.route("**/*", (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      const variants: [string, ReportModel][] = [
        ["email-en.png", sampleModel({ language: "en" })],
        ["email-nb.png", sampleModel({ language: "nb" })],
        ["email-en-replay.png", sampleModel({ language: "en", replay: true })],
      ];
      for (const [file, model] of variants) {
        const page = await context.newPage();
        await page.setContent(inlineImages(model), { waitUntil: "load" });
        // Runs in the page; a string keeps the DOM types out of this Node-typed project.
        const layout = (await page.evaluate(`({
          content: document.querySelector('table[width="600"]')?.getBoundingClientRect().width ?? 0,
          scrollWidth: document.documentElement.scrollWidth,
          images: [...document.images].map((i) => ({ w: i.naturalWidth, shown: i.getBoundingClientRect().width })),
          scripts: document.scripts.length,
        })`)) as Layout;
        expect(layout.content).toBe(600);
        expect(layout.scrollWidth).toBeLessThanOrEqual(700);
        expect(layout.scripts).toBe(0);
        expect(layout.images.length).toBe(4);
        for (const image of layout.images) {
          expect(image.w).toBeGreaterThan(1000);
          expect(image.shown).toBeGreaterThan(500);
        }
        const png = await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
        expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
        await page.close();
      }
      expect(requests).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

import { headline } from "./headline.ts";
import { formatterFor } from "./i18n-format.ts";
import { type Flavour, markdown, plainText } from "./markdown-flavour.ts";
import {
  type Ctx,
  citedSources,
  engines,
  findings,
  header,
  leaderboard,
  scorecard,
} from "./markdown-sections.ts";
import { notes, trends } from "./markdown-trends.ts";
import type { ReportModel } from "./model.ts";

/**
 * The report as markdown for a wiki or a terminal, and the same document as plain text for the
 * e-mail's text part. Pure: the output depends on the model alone.
 */
export function renderMarkdown(model: ReportModel): string {
  return render(model, markdown);
}

/** The e-mail's plain-text part: the markdown document without markup or escapes. */
export function renderPlainText(model: ReportModel): string {
  return render(model, plainText);
}

function render(model: ReportModel, fl: Flavour): string {
  const fmt = formatterFor(model.language, model.timezone);
  const ctx: Ctx = { model, fmt, fl };
  const head = headline(model, fmt);
  const lines = [
    ...header(ctx, head),
    ...scorecard(ctx, head.own),
    ...findings(ctx),
    ...engines(ctx),
    ...leaderboard(ctx),
    ...citedSources(ctx),
    ...trends(ctx),
    ...notes(ctx),
  ];
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

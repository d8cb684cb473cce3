import { excerptPieces } from "./excerpt-view.ts";
import { capitalise, comparable, type Headline, noComparisonText, overallFinding } from "./headline.ts";
import { categoryLabel, stageLabel } from "./i18n.ts";
import { engineLabel, findingSentence } from "./i18n-findings.ts";
import type { Formatter } from "./i18n-format.ts";
import { type Flavour, table } from "./markdown-flavour.ts";
import type { BrandMetrics, Change, Excerpt, Rate, ReportModel } from "./model.ts";

/**
 * The sections of the markdown (and plain-text) report, each a list of lines. Every string that
 * comes from the model passes through `fl.text` before it is written.
 */
export interface Ctx {
  model: ReportModel;
  fmt: Formatter;
  fl: Flavour;
}

export function rateCell({ fmt, fl }: Ctx, rate: Rate | null | undefined): string {
  if (!rate || rate.value === null) return fl.text(fmt.labels.gap);
  const value = fmt.percent(rate.value);
  return rate.directional ? `${value} (${fl.text(fmt.labels.directional)})` : value;
}

export function changeCell({ fmt, fl }: Ctx, change: Change | null): string {
  if (change && change.to.value === null) return "–";
  return fl.text(fmt.change(change));
}

function ciCell({ fmt }: Ctx, rate: Rate | null | undefined): string {
  return rate && rate.value !== null ? fmt.range(rate) : "–";
}

export function header(ctx: Ctx, head: Headline): string[] {
  const { model, fmt, fl } = ctx;
  const title = `${model.brand} · ${fmt.labels.reportTitle}, ${fmt.period(model.period)}`;
  const lines = [fl.heading(1, fl.text(model.replay ? `${fmt.labels.replayTag} · ${title}` : title)), ""];
  if (model.replay)
    lines.push(`> ${fl.strong(fl.text(`${fmt.labels.replayTag}:`))} ${fl.text(fmt.labels.replayBanner)}`, "");
  lines.push(
    model.baseline
      ? fl.text(capitalise(`${fmt.labels.comparedWith} ${fmt.period(model.baseline)}.`))
      : fl.text(fmt.labels.noBaseline),
    "",
  );
  const rate = head.interval
    ? `${fl.strong(fl.text(head.rateSentence))} (${fl.text(head.interval)}).`
    : fl.strong(fl.text(head.rateSentence));
  const change = head.finding
    ? `${fl.text(fmt.labels.biggestChange)}: ${fl.text(head.changeSentence)}`
    : fl.text(`${head.changeSentence}.`);
  return head.changeSentence ? [...lines, rate, "", change, ""] : [...lines, rate, ""];
}

export function scorecard(ctx: Ctx, own: BrandMetrics | null): string[] {
  const { model, fmt, fl } = ctx;
  const c = fmt.labels.columns;
  const overall = overallFinding(model);
  const overallChange =
    !comparable(model) || overall
      ? changeCell(ctx, overall?.change ?? null)
      : fl.text(fmt.labels.noSignificantChange);
  const rows = [
    [
      fl.strong(fl.text(fmt.labels.allStages)),
      rateCell(ctx, own?.mentionRate),
      ciCell(ctx, own?.mentionRate),
      fmt.number(own?.mentionRate.n ?? 0),
      overallChange,
    ],
    ...model.scorecard.map((s) => [
      fl.text(stageLabel(fmt.labels, s.stage)),
      rateCell(ctx, s.own?.mentionRate),
      ciCell(ctx, s.own?.mentionRate),
      fmt.number(s.n),
      changeCell(ctx, s.change),
    ]),
  ];
  return [
    fl.heading(2, fl.text(fmt.labels.sections.scorecard)),
    "",
    ...table([c.stage, c.mentionRate, c.interval, c.n, c.change].map(fl.text), rows, [
      "left",
      "right",
      "right",
      "right",
      "left",
    ]),
    "",
  ];
}

export function engines(ctx: Ctx): string[] {
  const { model, fmt, fl } = ctx;
  const c = fmt.labels.columns;
  const rows = model.engines.map((e) => [
    fl.text(e.label),
    e.gap ? fl.text(fmt.labels.gap) : rateCell(ctx, e.own?.mentionRate),
    e.gap ? "–" : ciCell(ctx, e.own?.mentionRate),
    e.failed > 0 ? `${fmt.number(e.n)} (+${fmt.number(e.failed)} ✗)` : fmt.number(e.n),
    e.gap ? "–" : fmt.percent(e.citations.citationRate.value),
    e.gap ? "–" : changeCell(ctx, e.change),
    fl.text(e.servedModels.join(", ") || "–"),
  ]);
  const headers = [c.engine, c.mentionRate, c.interval, c.n, c.citationRate, c.change, c.servedModel];
  return [
    fl.heading(2, fl.text(fmt.labels.sections.engines)),
    "",
    ...table(headers.map(fl.text), rows, ["left", "right", "right", "right", "right", "left", "left"]),
    "",
  ];
}

export function leaderboard(ctx: Ctx): string[] {
  const { model, fmt, fl } = ctx;
  const c = fmt.labels.columns;
  const rows = model.leaderboard.map((b, i) => {
    const name = fl.text(b.brand);
    return [
      String(i + 1),
      b.role === "own" ? fl.strong(name) : name,
      rateCell(ctx, b.mentionRate),
      ciCell(ctx, b.mentionRate),
      fmt.percent(b.shareOfVoice),
      b.averageRank === null ? "–" : fmt.number(b.averageRank, 1),
      fmt.percent(b.top1Rate.value),
    ];
  });
  const headers = ["", c.brand, c.mentionRate, c.interval, c.shareOfVoice, c.averageRank, c.top1];
  return [
    fl.heading(2, fl.text(fmt.labels.sections.leaderboard)),
    "",
    ...table(headers.map(fl.text), rows, ["right", "left", "right", "right", "right", "right", "right"]),
    "",
  ];
}

export function citedSources(ctx: Ctx): string[] {
  const { model, fmt, fl } = ctx;
  const c = fmt.labels.columns;
  const lines: string[] = [];
  if (model.domains.length > 0) {
    const rows = model.domains.map((d) => [
      fl.text(d.domain),
      fl.text(categoryLabel(fmt.labels, d.category)),
      fmt.number(d.citations),
      fmt.percent(d.answerShare.value),
      changeCell(ctx, d.change),
    ]);
    lines.push(
      fl.heading(2, fl.text(fmt.labels.sections.domains)),
      "",
      ...table([c.domain, c.category, c.citations, c.answerShare, c.change].map(fl.text), rows, [
        "left",
        "left",
        "right",
        "right",
        "left",
      ]),
      "",
    );
  }
  if (model.pages.length > 0) {
    const rows = model.pages.map((p) => [
      fl.text(p.url),
      fl.text(categoryLabel(fmt.labels, p.category)),
      fmt.number(p.citations),
    ]);
    lines.push(
      fl.heading(2, fl.text(fmt.labels.sections.pages)),
      "",
      ...table([c.page, c.category, c.citations].map(fl.text), rows, ["left", "left", "right"]),
      "",
    );
  }
  return lines;
}

/**
 * Findings with their evidence: each excerpt is quoted (escaped for the flavour, the brand in bold)
 * with the command that prints the whole answer.
 */
function excerptLines(ctx: Ctx, excerpt: Excerpt): string[] {
  const { model, fmt, fl } = ctx;
  const piece = excerptPieces(excerpt);
  const quote = fl.line(
    fl.fragment(piece.before) + fl.strong(fl.fragment(piece.mark)) + fl.fragment(piece.after),
  );
  const source = `${engineLabel(model, excerpt.engine)}, ${excerpt.questionId}, ${fmt.date(excerpt.askedAt)}`;
  return [
    `   > ${quote}`,
    `   > — ${fl.text(source)} · ${fl.text(fmt.labels.showAnswer)}: ${fl.code(excerpt.command)}`,
    "",
  ];
}

export function findings(ctx: Ctx): string[] {
  const { model, fmt, fl } = ctx;
  const lines = [fl.heading(2, fl.text(fmt.labels.sections.findings)), ""];
  if (model.findings.length === 0) {
    return [...lines, fl.text(comparable(model) ? fmt.labels.noFindings : noComparisonText(model, fmt)), ""];
  }
  model.findings.forEach((finding, i) => {
    lines.push(`${i + 1}. ${fl.text(findingSentence(finding, model, fmt))}`, "");
    for (const excerpt of finding.excerpts) lines.push(...excerptLines(ctx, excerpt));
  });
  return lines;
}

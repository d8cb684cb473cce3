import { stageLabel } from "./i18n.ts";
import type { Formatter } from "./i18n-format.ts";
import type { Finding, Rate, ReportModel } from "./model.ts";

/**
 * One sentence per finding, in the model's language. Sentences are plain text: each renderer
 * escapes them for its own format. Finding `detail` keys read here (all optional, with fallbacks):
 * `ownRate` (number, competitor-overtook), `questionText` and `competitors` (string, opportunity).
 */

/** The engine's display label from the model, or its id when the model has no row for it. */
export function engineLabel(model: ReportModel, engineId: string): string {
  return model.engines.find((e) => e.engine === engineId)?.label ?? engineId;
}

interface Parts {
  brand: string;
  own: string;
  scope: string;
  from: string;
  to: string;
  change: string;
  ownRate: string;
  question: string;
  competitors: string;
  subject: string;
}

type Templates = Record<Finding["kind"], (p: Parts) => string>;

const en: Templates = {
  "own-dropped": (p) => `${p.brand}’s mention rate ${p.scope} fell from ${p.from} to ${p.to} (${p.change}).`,
  "own-rose": (p) => `${p.brand}’s mention rate ${p.scope} rose from ${p.from} to ${p.to} (${p.change}).`,
  "competitor-overtook": (p) =>
    `${p.brand} overtook ${p.own} ${p.scope}: ${p.brand} ${p.to} against ${p.own} ${p.ownRate}.`,
  "domain-newly-cited": (p) => `${p.subject} is newly cited: in ${p.to} of answers (was ${p.from}).`,
  "domain-lost": (p) => `${p.subject} is cited less: in ${p.to} of answers (was ${p.from}).`,
  opportunity: (p) => `Opportunity: “${p.question}” names ${p.competitors}, but not ${p.own}.`,
};

const nb: Templates = {
  "own-dropped": (p) => `Omtaleraten til ${p.brand} ${p.scope} falt fra ${p.from} til ${p.to} (${p.change}).`,
  "own-rose": (p) => `Omtaleraten til ${p.brand} ${p.scope} steg fra ${p.from} til ${p.to} (${p.change}).`,
  "competitor-overtook": (p) =>
    `${p.brand} gikk forbi ${p.own} ${p.scope}: ${p.brand} ${p.to} mot ${p.own} ${p.ownRate}.`,
  "domain-newly-cited": (p) => `${p.subject} siteres nå: i ${p.to} av svarene (før ${p.from}).`,
  "domain-lost": (p) => `${p.subject} siteres sjeldnere: i ${p.to} av svarene (før ${p.from}).`,
  opportunity: (p) => `Mulighet: «${p.question}» nevner ${p.competitors}, men ikke ${p.own}.`,
};

/** Where a finding applies: "on ChatGPT", "in the awareness stage", "overall". */
export function findingScope(finding: Finding, model: ReportModel, fmt: Formatter): string {
  const nbLang = fmt.language === "nb";
  const engine = finding.engine ? engineLabel(model, finding.engine) : null;
  const stage = finding.stage ? stageLabel(fmt.labels, finding.stage).toLowerCase() : null;
  if (engine && stage) return nbLang ? `i ${engine} (fase: ${stage})` : `on ${engine} (${stage} stage)`;
  if (engine) return nbLang ? `i ${engine}` : `on ${engine}`;
  if (stage) return nbLang ? `i fasen ${stage}` : `in the ${stage} stage`;
  return nbLang ? "totalt" : "overall";
}

function rateText(rate: Rate | undefined, fmt: Formatter): string {
  return rate ? fmt.percent(rate.value) : "–";
}

export function findingSentence(finding: Finding, model: ReportModel, fmt: Formatter): string {
  const detail = finding.detail;
  const ownRate = detail.ownRate;
  const text = (key: string, fallback: string) => {
    const value = detail[key];
    return typeof value === "string" && value.length > 0 ? value : fallback;
  };
  const parts: Parts = {
    brand: finding.brand ?? model.brand,
    own: model.brand,
    scope: findingScope(finding, model, fmt),
    from: rateText(finding.change?.from, fmt),
    to: rateText(finding.change?.to, fmt),
    change: fmt.change(finding.change),
    ownRate: typeof ownRate === "number" ? fmt.percent(ownRate) : "–",
    question: text("questionText", finding.subject),
    competitors: text("competitors", finding.brand ?? "–"),
    subject: finding.subject,
  };
  return (fmt.language === "nb" ? nb : en)[finding.kind](parts);
}

/** The e-mail subject's change phrase: the headline finding, or the rate and "no significant change". */
export function subjectChange(
  finding: Finding | null,
  ownRate: Rate | null,
  compared: boolean,
  model: ReportModel,
  fmt: Formatter,
): string {
  const nbLang = fmt.language === "nb";
  const change = finding?.change;
  if (finding && change && change.delta !== null) {
    const where = findingScope(finding, model, fmt);
    const arrow = `${fmt.points(change.delta)} (${rateText(change.from, fmt)} → ${rateText(change.to, fmt)})`;
    return nbLang ? `omtalerate ${where} ${arrow}` : `mention rate ${where} ${arrow}`;
  }
  const rate = ownRate?.value ?? null;
  // A gap is not "no change", and a first report has nothing to compare with.
  if (rate === null) return fmt.labels.gap;
  const mentioned = nbLang
    ? `nevnt i ${fmt.percent(rate)} av svarene`
    : `mentioned in ${fmt.percent(rate)} of answers`;
  return compared ? `${mentioned}, ${fmt.labels.noSignificantChange}` : mentioned;
}

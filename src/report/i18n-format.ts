import { type Labels, type Language, labelsFor } from "./i18n.ts";
import type { Change, Period, Rate } from "./model.ts";

/**
 * Numbers, percentages, dates and intervals written the way the reader's locale writes them
 * (`nb-NO`: "42 %", "0,01", "23. nov. 2026"). Percentages are whole numbers: with n in the tens,
 * a decimal would claim a precision the interval denies.
 */
export interface Formatter {
  language: Language;
  labels: Labels;
  /** `0.42` → "42%" / "42 %"; null → "–". */
  percent(value: number | null, digits?: number): string;
  number(value: number, digits?: number): string;
  /** The interval part alone: "31–53%" / "31–53 %". */
  range(rate: Rate): string;
  /** "42% (95% CI 31–53%, n = 60)"; a gap reads as the gap text, never as 0 %. */
  interval(rate: Rate): string;
  /** The part in parentheses: "95% CI 31–53%, n = 60" (plus ", directional" below n = 10). */
  ciText(rate: Rate): string;
  /** A change in percentage points with its sign: "+6 pts" / "−31 pp". */
  points(delta: number): string;
  /** Signed points plus p, or the no-change words: "−31 pts, p = 0.002". */
  change(change: Change | null): string;
  pValue(p: number): string;
  date(iso: string): string;
  /** An inclusive range from an exclusive end: "16–22 Nov 2026". */
  dateRange(startIso: string, endExclusiveIso: string): string;
  /** "week 47, 2026 (16–22 Nov 2026)". */
  period(period: Period): string;
  /** "week 47" alone, for narrow table headers and chart axes. */
  shortPeriod(periodId: string): string;
  money(usd: number): string;
}

const DAY_MS = 86_400_000;

export function formatterFor(language: Language, timezone: string): Formatter {
  const labels = labelsFor(language);
  const locale = labels.locale;
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number) => {
    let format = numberFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      numberFormats.set(digits, format);
    }
    return format;
  };
  const percentFormat = (digits: number) =>
    new Intl.NumberFormat(locale, {
      style: "percent",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: "exceptZero" });
  const dateFormat = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: timezone,
  });
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "USD" });
  const percent = (value: number | null, digits = 0) =>
    value === null ? "–" : percentFormat(digits).format(value);
  // The percent sign with its locale spacing, taken from Intl rather than guessed per language.
  const percentSuffix = percent(0).replace(numberFormat(0).format(0), "");

  const range = (rate: Rate) =>
    rate.low === null || rate.high === null
      ? "–"
      : `${numberFormat(0).format(Math.round(rate.low * 100))}–${numberFormat(0).format(Math.round(rate.high * 100))}${percentSuffix}`;

  const ciText = (rate: Rate) => {
    const parts = [`95${percentSuffix} ${labels.ci} ${range(rate)}`, `n = ${numberFormat(0).format(rate.n)}`];
    if (rate.directional) parts.push(labels.directional);
    return parts.join(", ");
  };

  const pValue = (p: number) =>
    `p = ${p < 0.001 ? `< ${numberFormat(3).format(0.001)}` : numberFormat(p < 0.01 ? 3 : 2).format(p)}`;
  // U+2212 in every locale: a hyphen-minus reads as a dash in running text.
  const points = (delta: number) =>
    `${signed.format(delta * 100).replace("-", "\u2212")} ${language === "nb" ? "pp" : "pts"}`;

  const shortPeriod = (periodId: string) => {
    const match = /^(\d{4})-W(\d{2})$/.exec(periodId);
    return match ? labels.week(Number(match[2]), Number(match[1])).replace(/, \d{4}$/, "") : periodId;
  };

  const dateRange = (startIso: string, endExclusiveIso: string) => {
    const start = new Date(startIso);
    const lastDay = new Date(Math.max(start.getTime(), new Date(endExclusiveIso).getTime() - DAY_MS / 2));
    return dateFormat.formatRange(start, lastDay).replace(/\s–\s/g, "–");
  };

  return {
    language,
    labels,
    percent,
    number: (value, digits = 0) => numberFormat(digits).format(value),
    range,
    interval: (rate) => (rate.value === null ? labels.gap : `${percent(rate.value)} (${ciText(rate)})`),
    ciText,
    points,
    change(change) {
      if (!change) return labels.noBaselineShort;
      if (!change.significant || change.delta === null) return labels.noSignificantChange;
      return change.pValue === null
        ? points(change.delta)
        : `${points(change.delta)}, ${pValue(change.pValue)}`;
    },
    pValue,
    date: (iso) => dateFormat.format(new Date(iso)),
    dateRange,
    period(period) {
      const match = /^(\d{4})-W(\d{2})$/.exec(period.id);
      const name = match ? labels.week(Number(match[2]), Number(match[1])) : period.id;
      return `${name} (${dateRange(period.start, period.end)})`;
    },
    shortPeriod,
    money: (usd) => money.format(usd),
  };
}

/**
 * The two text formats the markdown renderer writes: markdown for wikis and terminals, and the
 * plain-text part of the e-mail. Answer text is written by an AI engine and is never trusted:
 * in markdown it is escaped so that `<script>`, links, emphasis or a table pipe inside it stay
 * literal characters; in plain text nothing is interpreted, so it is only put on one line.
 */
export interface Flavour {
  name: "markdown" | "text";
  /** Untrusted or free text for inline use (paragraphs, table cells, quotes). */
  text(value: string): string;
  /** A piece of a line, escaped like `text` but not trimmed; `line` finishes the joined pieces. */
  fragment(value: string): string;
  line(escaped: string): string;
  strong(escaped: string): string;
  code(value: string): string;
  heading(level: 1 | 2 | 3, escaped: string): string;
}

/** Whitespace (newlines included) collapses to one space: every piece of answer text stays on its line. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

// CommonMark lets a backslash escape any ASCII punctuation. These start markup anywhere in a line:
// code, emphasis, links and images, strikethrough, table cells, raw HTML and autolinks (`<` then a
// letter, `/`, `!` or `?`), entity references.
const ANYWHERE = /[\\`*_[\]|~]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)/g;
// These only at the start of a line: headings, quotes, list items, a setext underline.
const LINE_START = /^(?:#{1,6}(?=\s|$)|>|[-+](?=\s)|=+\s*$|\d{1,9}[.)](?=\s|$))/;

function escapeFragment(value: string): string {
  return value.replace(/\s+/g, " ").replace(ANYWHERE, (c) => `\\${c}`);
}

function escapeLineStart(escaped: string): string {
  // Escaping the marker's last character is enough: `\#`, `\>`, `\-`, `\=`, `1\.`.
  return escaped.trim().replace(LINE_START, (m) => {
    const at = /[.)]$/.test(m) ? m.length - 1 : 0;
    return `${m.slice(0, at)}\\${m.slice(at)}`;
  });
}

export function escapeMarkdown(value: string): string {
  return escapeLineStart(escapeFragment(value));
}

/** A code span whose fence is longer than any backtick run inside it. */
export function codeSpan(value: string): string {
  const text = oneLine(value);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

export const markdown: Flavour = {
  name: "markdown",
  text: escapeMarkdown,
  fragment: escapeFragment,
  line: escapeLineStart,
  strong: (escaped) => (escaped ? `**${escaped}**` : ""),
  code: codeSpan,
  heading: (level, escaped) => `${"#".repeat(level)} ${escaped}`,
};

export const plainText: Flavour = {
  name: "text",
  text: oneLine,
  fragment: (value) => value.replace(/\s+/g, " "),
  line: (escaped) => escaped.trim(),
  strong: (escaped) => escaped,
  code: oneLine,
  heading(level, escaped) {
    if (level === 3) return escaped;
    return `${escaped}\n${(level === 1 ? "=" : "-").repeat(Math.min(78, [...escaped].length))}`;
  },
};

export type Align = "left" | "right";

/**
 * A pipe table padded so its columns line up in a terminal and a plain-text mail; the same text is a
 * valid GFM table. Cells must already be escaped for the flavour.
 */
export function table(headers: string[], rows: string[][], align: Align[]): string[] {
  const width = (s: string) => [...s].length;
  const widths = headers.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const pad = (s: string, i: number) => {
    const fill = " ".repeat(Math.max(0, (widths[i] ?? 0) - width(s)));
    return align[i] === "right" ? fill + s : s + fill;
  };
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, i)).join(" | ")} |`;
  const rule = widths.map((w, i) => (align[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w)));
  return [line(headers), `| ${rule.join(" | ")} |`, ...rows.map(line)];
}

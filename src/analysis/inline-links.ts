import { decodeInlineString } from "./entities.ts";
import { copyLeafText, type LeafSource, leafOffset } from "./leaf-source.ts";
import { closingBracket, inlineTargetAt, looksLikeHost, normalizeLabel, refLabelAt } from "./link-syntax.ts";
import type { LinkOccurrence } from "./types.ts";
import type { VisibleTextBuilder } from "./visible-text.ts";

/**
 * Links, autolinks, HTML tags and source pills of spec §2.1: what the inline reader keeps out of the
 * visible text and hands to the citation builder.
 */

/** A reference-style definition `[label]: url "title"`. */
export interface LinkDefinition {
  url: string;
  title: string | undefined;
}

/** What the inline reader writes to while it reads one answer. */
export interface InlineContext {
  /** The answer text (line endings folded to `\n`, same length as stored). */
  source: string;
  out: VisibleTextBuilder;
  /** Definitions by normalised label. */
  defs: Map<string, LinkDefinition>;
  links: LinkOccurrence[];
  /** True when `text` is a tracked brand's name or alias: such a link text is a mention, not a pill. */
  isAlias: (text: string) => boolean;
}

/** A parsed link: the range of its text in the leaf and its (decoded) target. */
export interface LinkSyntax {
  textStart: number;
  textEnd: number;
  url: string;
  end: number;
}

/** Parses the link whose `[` is at `s[i]`: inline, full, collapsed or shortcut reference. */
export function linkAt(ctx: InlineContext, s: string, i: number, end: number): LinkSyntax | null {
  const close = closingBracket(s, i, end);
  if (close < 0) return null;
  const next = s.charCodeAt(close + 1);
  if (next === 0x28) {
    const target = inlineTargetAt(s, close + 1, end);
    if (target !== null) return { textStart: i + 1, textEnd: close, url: target.url, end: target.end };
  }
  let label = s.slice(i + 1, close);
  let linkEnd = close + 1;
  if (next === 0x5b) {
    const ref = refLabelAt(s, close + 1, end);
    if (ref !== null) {
      if (ref.label.trim() !== "") label = ref.label;
      linkEnd = ref.end;
    }
  }
  if (label.length > 999 || label.trim() === "") return null;
  const def = ctx.defs.get(normalizeLabel(label));
  return def === undefined ? null : { textStart: i + 1, textEnd: close, url: def.url, end: linkEnd };
}

const IMAGE = /!\[[^\]]*\]\([^)]*\)/g;

/** The text a link shows, without markup: the citation's title and the source-pill test. */
function plainText(raw: string): string {
  return decodeInlineString(raw.replace(IMAGE, "").replace(/[*_`~]/g, ""))
    .replace(/\s+/g, " ")
    .trim();
}

function cite(ctx: InlineContext, leaf: LeafSource, at: number, url: string, title: string): void {
  const target = url.trim();
  if (target === "") return;
  ctx.links.push(
    title === ""
      ? { url: target, source: "link", offset: leafOffset(leaf, at) }
      : { url: target, title, source: "link", offset: leafOffset(leaf, at) },
  );
}

/**
 * Records a link as a citation; its text is visible unless it is a source pill (a domain or URL that
 * is not a tracked alias), in which case nothing is read.
 */
export function emitLink(
  ctx: InlineContext,
  leaf: LeafSource,
  at: number,
  link: LinkSyntax,
  readText: (from: number, to: number) => void,
): void {
  const title = plainText(leaf.text.slice(link.textStart, link.textEnd));
  cite(ctx, leaf, at, link.url, title);
  if (looksLikeHost(title) && !ctx.isAlias(title)) return;
  readText(link.textStart, link.textEnd);
}

const URI_AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}):([^\s<>]*)>/y;
const EMAIL_AUTOLINK =
  /<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>/y;

function webAutolinkEnd(s: string, i: number, to: number): number | null {
  URI_AUTOLINK.lastIndex = i;
  const m = URI_AUTOLINK.exec(s);
  if (m === null || i + m[0].length > to) return null;
  const scheme = (m[1] as string).toLowerCase();
  return scheme === "http" || scheme === "https" ? i + m[0].length : null;
}

/**
 * An autolink at `s[i]`. A web autolink (`<https://…>`) shows only its URL, so it is read like a
 * source pill: a citation, not text. Other schemes and e-mail addresses are visible text.
 */
export function autolinkAt(
  ctx: InlineContext,
  leaf: LeafSource,
  i: number,
  to: number,
  flush: (upTo: number) => void,
): number | null {
  const s = leaf.text;
  const web = webAutolinkEnd(s, i, to);
  if (web !== null) {
    flush(i);
    cite(ctx, leaf, i, s.slice(i + 1, web - 1), "");
    return web;
  }
  URI_AUTOLINK.lastIndex = i;
  EMAIL_AUTOLINK.lastIndex = i;
  const m = URI_AUTOLINK.exec(s) ?? EMAIL_AUTOLINK.exec(s);
  if (m === null || i + m[0].length > to) return null;
  flush(i);
  copyLeafText(ctx.out, ctx.source, leaf, i + 1, i + m[0].length - 1);
  return i + m[0].length;
}

const HTML_TAG =
  /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<!--[\s\S]*?-->/y;
const SPACING_TAG = /^(?:br|p|div|li|ul|ol|tr|td|th|table|hr|h[1-6]|blockquote|section|summary|details)$/i;

/** An HTML tag or comment at `s[i]`: never text; a tag that breaks the line reads as a space. */
export function htmlTagAt(
  ctx: InlineContext,
  leaf: LeafSource,
  i: number,
  to: number,
  flush: (upTo: number) => void,
): number | null {
  HTML_TAG.lastIndex = i;
  const m = HTML_TAG.exec(leaf.text);
  if (m === null || i + m[0].length > to) return null;
  flush(i);
  const end = i + m[0].length;
  if (m[2] !== undefined && SPACING_TAG.test(m[2])) {
    ctx.out.decoded(" ", leafOffset(leaf, i), leafOffset(leaf, end));
  }
  return end;
}

function isGroupSeparator(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x2c ||
    c === 0x3b ||
    c === 0x7c ||
    c === 0x2f ||
    c === 0x2d ||
    c === 0xb7 ||
    c === 0x2022 ||
    c === 0x2013 ||
    c === 0x2014
  );
}

/**
 * A source-pill group at `s[i]`: parentheses or brackets holding nothing but links and separators
 * (`([Vulture][1])`, `([tripletex.no](…), [Finansavisen](…))`). Its links are citations only. Returns
 * the index after the group, or null when the brackets hold anything else.
 */
export function pillGroupAt(ctx: InlineContext, leaf: LeafSource, i: number, to: number): number | null {
  const s = leaf.text;
  const closer = s.charCodeAt(i) === 0x28 ? 0x29 : 0x5d;
  const found: { at: number; url: string; title: string }[] = [];
  let j = i + 1;
  while (j < to) {
    const c = s.charCodeAt(j);
    if (c === closer) {
      if (found.length === 0) return null;
      for (const f of found) cite(ctx, leaf, f.at, f.url, f.title);
      return j + 1;
    }
    if (isGroupSeparator(c)) {
      j++;
    } else if (c === 0x5b) {
      const link = linkAt(ctx, s, j, to);
      if (link === null) return null;
      found.push({ at: j, url: link.url, title: plainText(s.slice(link.textStart, link.textEnd)) });
      j = link.end;
    } else if (c === 0x3c) {
      const end = webAutolinkEnd(s, j, to);
      if (end === null) return null;
      found.push({ at: j, url: s.slice(j + 1, end - 1), title: "" });
      j = end;
    } else return null;
  }
  return null;
}

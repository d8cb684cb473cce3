/**
 * HTML character references in markdown text (spec §2.1: `AT&amp;T` reads `AT&T`). Numeric
 * references are decoded in full; named ones from the table below, which holds the entities AI
 * answers and Scandinavian/European text actually use. An unknown name stays literal text, as an
 * invalid reference does in CommonMark.
 */

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  zwsp: "\u200b",
  zwnj: "\u200c",
  zwj: "\u200d",
  shy: "\u00ad",
  ndash: "–",
  mdash: "—",
  hyphen: "\u2010",
  minus: "−",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  lsaquo: "‹",
  rsaquo: "›",
  bull: "•",
  middot: "·",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  para: "¶",
  deg: "°",
  plusmn: "±",
  times: "×",
  divide: "÷",
  frac12: "½",
  frac14: "¼",
  frac34: "¾",
  larr: "←",
  rarr: "→",
  check: "✓",
  aelig: "æ",
  AElig: "Æ",
  oslash: "ø",
  Oslash: "Ø",
  aring: "å",
  Aring: "Å",
  auml: "ä",
  Auml: "Ä",
  ouml: "ö",
  Ouml: "Ö",
  uuml: "ü",
  Uuml: "Ü",
  szlig: "ß",
  eacute: "é",
  Eacute: "É",
  egrave: "è",
  Egrave: "È",
  ecirc: "ê",
  aacute: "á",
  Aacute: "Á",
  agrave: "à",
  acirc: "â",
  iacute: "í",
  oacute: "ó",
  Oacute: "Ó",
  ocirc: "ô",
  uacute: "ú",
  ccedil: "ç",
  Ccedil: "Ç",
  ntilde: "ñ",
  Ntilde: "Ñ",
};

const REFERENCE = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;

/** A decoded reference: its text and the index just after it. */
export interface DecodedEntity {
  text: string;
  end: number;
}

/** Decodes the character reference starting at `s[i]` (an `&`), or returns null when there is none. */
export function decodeEntityAt(s: string, i: number): DecodedEntity | null {
  REFERENCE.lastIndex = i;
  const m = REFERENCE.exec(s);
  if (m === null) return null;
  const end = i + m[0].length;
  if (m[3] !== undefined) {
    const named = NAMED[m[3]];
    return named === undefined ? null : { text: named, end };
  }
  const cp = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2] as string, 16);
  const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
  return { text: valid ? String.fromCodePoint(cp) : "\uFFFD", end };
}

/** Decodes backslash escapes and character references in a link destination or title. */
export function decodeInlineString(s: string): string {
  if (!s.includes("\\") && !s.includes("&")) return s;
  let out = "";
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch === "\\" && i + 1 < s.length && isAsciiPunctuation(s.charCodeAt(i + 1))) {
      out += s[i + 1];
      i += 2;
    } else if (ch === "&") {
      const entity = decodeEntityAt(s, i);
      out += entity === null ? ch : entity.text;
      i = entity === null ? i + 1 : entity.end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** CommonMark's ASCII punctuation: the characters a backslash can escape. */
export function isAsciiPunctuation(code: number): boolean {
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  );
}

import { describe, expect, it } from "vitest";
import { isLowerCaseUnit, isSpaceUnit } from "../../src/analysis/normalize-text.ts";

/** The hand-written character tests answer what the RegExps they replace answer, for every code unit. */

describe("character classes", () => {
  it("isSpaceUnit is /\\s/ and isLowerCaseUnit is /\\p{Ll}/u on every UTF-16 code unit", () => {
    const space: number[] = [];
    const lower: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (isSpaceUnit(c) !== /\s/.test(ch)) space.push(c);
      if (isLowerCaseUnit(c) !== /\p{Ll}/u.test(ch)) lower.push(c);
    }
    expect(space).toEqual([]);
    expect(lower).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  analyse,
  DETERMINISM_FIXTURE,
  type DeterminismFixture,
  inputHash,
  sha256,
} from "./determinism-fixture.ts";
import { determinismInputs } from "./determinism-inputs.ts";

/**
 * Differential check: the analysis of every corpus case, corpus variant, benchmark answer and
 * random markdown answer is byte-identical to what was recorded before the analysis was optimised
 * (tests/fixtures/analysis/determinism.json, written by record-determinism.ts).
 */

const fixture = JSON.parse(readFileSync(DETERMINISM_FIXTURE, "utf8")) as DeterminismFixture;
const inputs = determinismInputs();

describe("analysis results are unchanged", () => {
  it("covers exactly the recorded inputs", () => {
    expect(inputs.map((e) => e.id).sort()).toEqual(Object.keys(fixture.hashes).sort());
    const changed = inputs.filter((e) => inputHash(e) !== fixture.inputs[e.id]).map((e) => e.id);
    // a changed input (corpus, generator) is not an analysis change: re-record only for such a change
    expect(changed, "inputs differ from the recorded ones").toEqual([]);
  });

  it("gives the recorded result for every corpus case", () => {
    for (const entry of inputs.filter((e) => e.full)) {
      const json = analyse(entry);
      expect(JSON.parse(json), entry.id).toEqual(fixture.full[entry.id]);
      expect(json, entry.id).toBe(JSON.stringify(fixture.full[entry.id]));
    }
  });

  it("gives byte-identical results for every recorded input", () => {
    const changed = inputs.filter((e) => sha256(analyse(e)) !== fixture.hashes[e.id]).map((e) => e.id);
    expect(changed).toEqual([]);
  });
});

import { writeFileSync } from "node:fs";
import {
  analyse,
  DETERMINISM_FIXTURE,
  type DeterminismFixture,
  inputHash,
  sha256,
} from "./determinism-fixture.ts";
import { determinismInputs } from "./determinism-inputs.ts";

/**
 * Records the analyses the differential check compares against:
 * `node tests/analysis/record-determinism.ts`. Run it only when a result is meant to change (a
 * spec change, a new `ANALYSIS_VERSION`), never to make the check pass after an optimisation.
 */

const fixture: DeterminismFixture = { inputs: {}, hashes: {}, full: {} };
for (const entry of determinismInputs()) {
  const json = analyse(entry);
  if (entry.id in fixture.hashes) throw new Error(`duplicate input id ${entry.id}`);
  fixture.inputs[entry.id] = inputHash(entry);
  fixture.hashes[entry.id] = sha256(json);
  if (entry.full) fixture.full[entry.id] = JSON.parse(json);
}
writeFileSync(DETERMINISM_FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
process.stdout.write(`recorded ${Object.keys(fixture.hashes).length} analyses to ${DETERMINISM_FIXTURE}\n`);

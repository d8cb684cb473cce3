/**
 * `npm run bench`: the benchmarks (not timed tests). Prints one JSON object per suite and a short
 * verdict against the targets in the issues. Pass suite names to run some: `npm run bench -- run`.
 */
import { benchAnalysis } from "./analysis.ts";
import { benchReport } from "./report.ts";
import { benchRunThroughput } from "./run-throughput.ts";

const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);

if (want("analysis")) {
  const analysis = await benchAnalysis();
  process.stdout.write(`analysis ${JSON.stringify(analysis)}\n`);
}

if (want("run")) {
  const runs = await benchRunThroughput();
  for (const r of runs) {
    const ok = r.wallOverIdeal <= 1.15 && r.peakRssMb < 300;
    process.stdout.write(
      `run ${JSON.stringify(r)} ${ok ? "within target" : "OUTSIDE target (wall ≤ 1.15 × ideal, RSS < 300 MB)"}\n`,
    );
  }
  const [small, large] = runs;
  if (small && large) {
    process.stdout.write(
      `run memory: ${small.peakRssMb} MB at ${small.questions} questions, ${large.peakRssMb} MB at ${large.questions}\n`,
    );
  }
}

if (want("report")) {
  const { cases, ...seeded } = await benchReport();
  process.stdout.write(`report seeded ${JSON.stringify(seeded)}\n`);
  for (const c of cases) {
    process.stdout.write(
      `report ${JSON.stringify(c)} ${c.processMs < 3000 ? "within target" : "OUTSIDE target (< 3 s)"}\n`,
    );
  }
}

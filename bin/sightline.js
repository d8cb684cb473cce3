#!/usr/bin/env node
// Entry point of the `sightline` command. Runs the TypeScript sources directly with Node's type
// stripping (Node >= 22.18), so a clone needs no build step.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `sightline needs Node.js 22.18 or newer (this is ${process.version}).\n` +
      "Run `bash scripts/setup-node.sh` and put .node/bin first on PATH.\n",
  );
  process.exit(1);
}
const { main } = await import("../src/cli/main.ts");
await main();

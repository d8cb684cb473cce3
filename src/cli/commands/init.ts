import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.ts";
import type { CliContext } from "../context.ts";

/** The bundled example every `init` starts from. */
export const exampleQueryFile = new URL("../../../queries/example.yaml", import.meta.url);

export function registerInit(program: Command, ctx: CliContext): void {
  program
    .command("init")
    .description("write an example query file to edit (brand, competitors, engines, questions)")
    .argument("[file]", "where to write it", "queries/sightline.yaml")
    .option("-f, --force", "overwrite an existing file")
    .action(async (file: string, opts: { force?: boolean }) => {
      const target = resolve(ctx.cwd, file);
      const exists = await access(target).then(
        () => true,
        () => false,
      );
      if (exists && !opts.force) throw new UsageError(`init: ${file} exists; pass --force to overwrite it`);
      let text = await readFile(exampleQueryFile, "utf8");
      // Keep the editor schema hint pointing at the bundled schema wherever the file lands.
      const schema = relative(
        dirname(target),
        new URL("../../../queries/schema.json", import.meta.url).pathname,
      );
      text = text.replace(
        /^# yaml-language-server: \$schema=.*$/m,
        `# yaml-language-server: $schema=${schema}`,
      );
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text, "utf8");
      ctx.stdout(
        `wrote ${file}\nnext: edit it, then run \`sightline validate ${file}\` and \`sightline run --config ${file}\`\n`,
      );
    });
}

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { UsageError } from '../cli/usage-error.js';
import { importCatalogue } from './commands/importCatalogue.js';
import { currentVersions } from './queries.js';
import { contentOf } from './store.js';
import { catalogueJson, catalogueWorkbook, parseCatalogueJson, parseCatalogueWorkbook } from './transfer.js';

const formatOf = (file: string) => {
  if (/\.xlsx$/i.test(file)) return 'xlsx' as const;
  if (/\.json$/i.test(file)) return 'json' as const;
  throw new UsageError(`${file}: name an .xlsx or .json file (须为 .xlsx 或 .json 文件)`);
};

/** `qinqing service-items import|export FILE`: the catalogue's exchange files, as the API reads and writes them. */
export const approvalsCli: CliCommand[] = [
  {
    name: 'service-items import', args: 'FILE [--publish]', summary: 'import the service-item catalogue from an .xlsx or .json file, all or nothing; every bad row is named',
    async run(args, ctx) {
      const [file, ...rest] = args;
      if (!file || rest.some((a) => a !== '--publish')) throw new UsageError('usage: qinqing service-items import FILE [--publish]');
      const format = formatOf(file);
      const data = readFileSync(resolve(ctx.cwd, file));
      let json: unknown;
      if (format === 'json') {
        try {
          json = JSON.parse(data.toString('utf8'));
        } catch {
          throw new UsageError(`${file}: not valid JSON (不是有效的 JSON)`);
        }
      }
      const parsed = format === 'json' ? parseCatalogueJson(json) : await parseCatalogueWorkbook(data);
      const result = await ctx.withDatabase((database) => importCatalogue(database.db, operatorActor(), parsed, { publish: rest.includes('--publish') }));
      ctx.out(`created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, published ${result.published}`);
      return 0;
    },
  },
  {
    name: 'service-items export', args: 'FILE', summary: 'write the current version of every item to an .xlsx or .json file',
    async run(args, ctx) {
      if (args.length !== 1) throw new UsageError('usage: qinqing service-items export FILE');
      const format = formatOf(args[0]);
      const contents = (await ctx.withDatabase((database) => currentVersions(database.db, operatorActor()))).map(contentOf);
      writeFileSync(resolve(ctx.cwd, args[0]), format === 'json' ? `${JSON.stringify(catalogueJson(contents), null, 2)}\n` : await catalogueWorkbook(contents));
      ctx.out(`exported ${contents.length} items to ${args[0]}`);
      return 0;
    },
  },
];

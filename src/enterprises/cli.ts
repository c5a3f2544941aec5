import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CliCommand } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { tableWorkbook } from '../platform/export/table.js';
import { UsageError } from '../cli/usage-error.js';
import { progressBar } from '../cli/progress.js';
import { importEnterprises } from './commands/importEnterprises.js';
import { allEnterprises } from './queries.js';
import { exportColumns } from './columns.js';
import { beijingToday } from './rules.js';
import type { ImportProblem } from './contract.js';

export const enterprisesCli: CliCommand[] = [
  {
    name: 'enterprises import', args: 'FILE', summary: 'import the enterprise registry from xlsx or CSV (all rows or none; every bad cell reported by row and column), with a progress bar',
    run(args, { withDatabase }) {
      if (args.length !== 1) throw new UsageError('usage: qinqing enterprises import FILE');
      let data: Buffer;
      try {
        data = readFileSync(args[0]);
      } catch {
        throw new UsageError(`cannot read ${args[0]}`);
      }
      return withDatabase(async (database) => {
        const bar = progressBar('enterprises');
        try {
          const s = await importEnterprises(database.db, operatorActor(), { fileName: basename(args[0]), data }, { progress: bar.update });
          console.log(`imported ${s.rows} rows: ${s.created} added, ${s.updated} changed, ${s.unchanged} unchanged`);
          return 0;
        } catch (err) {
          if (!(err instanceof AppError && err.code === 'import_rejected')) throw err;
          const { problems, total } = err.details as { problems: ImportProblem[]; total: number };
          for (const p of problems) process.stderr.write(`row ${p.row}\t${p.field}\t${p.messageZh}\t${p.messageEn}\n`);
          if (total > problems.length) process.stderr.write(`… and ${total - problems.length} more\n`);
          process.stderr.write(`nothing imported: ${total} problems (未导入：共 ${total} 处错误)\n`);
          return 2;
        }
      });
    },
  },
  {
    name: 'enterprises export', args: 'FILE.xlsx', summary: 'write the whole registry as an Excel workbook (it imports back as it is)',
    run(args, { withDatabase }) {
      if (args.length !== 1 || !/\.xlsx$/i.test(args[0])) throw new UsageError('usage: qinqing enterprises export FILE.xlsx');
      return withDatabase(async (database) => {
        const rows = await allEnterprises(database.db, operatorActor(), {});
        writeFileSync(args[0], await tableWorkbook({ title: `企业库（截至 ${beijingToday()}，共 ${rows.length} 家）`, sheet: '企业库', columns: exportColumns(), rows }));
        console.log(`exported ${rows.length} enterprises to ${args[0]}`);
        return 0;
      });
    },
  },
];

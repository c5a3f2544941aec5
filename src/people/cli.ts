import { parseArgs } from 'node:util';
import type { CliCommand } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { UsageError } from '../cli/usage-error.js';
import { createUser } from './commands/createUser.js';

export const peopleCli: CliCommand[] = [{
  name: 'users create', args: '--username U --password P --name N --roles r1,r2 [--office ID]', summary: 'create a person',
  run(args, { withDatabase, config, out }) {
    const { values } = parseArgs({ args, options: {
      username: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, office: { type: 'string' },
    }, strict: true });
    for (const k of ['username', 'password', 'name', 'roles'] as const) if (!values[k]) throw new UsageError(`--${k} is required`);
    const office = values.office === undefined ? null : Number(values.office);
    if (office !== null && !Number.isInteger(office)) throw new UsageError(`--office must be an office id (a number), got ${values.office}`);
    return withDatabase(async (database) => {
      const user = await createUser(database.db, operatorActor(), {
        username: values.username!, password: values.password!, name: values.name!, roles: values.roles!.split(',').map((r) => r.trim()), officeId: office,
      }, { minLength: config.passwordMinLength });
      out(`created user ${user.username} (id ${user.id}, roles ${user.roles.join(',')}${user.officeName ? `, office ${user.officeName}` : ''})`);
      return 0;
    });
  },
}];

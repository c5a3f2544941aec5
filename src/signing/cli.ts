import type { CliCommand } from '../platform/manifest.js';
import { operatorActor } from '../platform/actor.js';
import { UsageError } from '../cli/usage-error.js';
import { listSigningKeys, rotateSigningKey, withdrawSigningKey } from './keys.js';

export const signingCli: CliCommand[] = [{
  name: 'keys list', summary: 'the signing keys of visit codes and certificates: which signs now, which were rotated out or withdrawn',
  run: (_args, { withDatabase, out }) => withDatabase(async (database) => {
    const keys = await listSigningKeys(database.db);
    if (!keys.length) out('no signing key yet: the first code signed creates one');
    for (const k of keys) {
      const state = k.withdrawnAt ? `withdrawn ${k.withdrawnAt}: ${k.withdrawnReason}` : k.retiredAt ? `rotated out ${k.retiredAt}, still verifies` : 'signs now';
      out(`${k.kid}\t${k.algorithm}\tcreated ${k.createdAt}\t${state}`);
    }
    return 0;
  }),
}, {
  name: 'keys rotate', summary: 'a new signing key signs from now on; codes signed before still verify',
  run: (_args, { withDatabase, out }) => withDatabase(async (database) => {
    const key = await rotateSigningKey(database.db, operatorActor());
    out(`key ${key.kid} signs from now on`);
    return 0;
  }),
}, {
  name: 'keys withdraw', args: 'KID REASON', summary: 'withdraw a compromised signing key: every code it signed is refused from now on',
  run(args, { withDatabase, out }) {
    const [kid, ...reason] = args;
    if (!kid || !reason.length) throw new UsageError('usage: qinqing keys withdraw KID REASON (see qinqing keys list)');
    return withDatabase(async (database) => {
      const key = await withdrawSigningKey(database.db, operatorActor(), kid, reason.join(' '));
      out(`key ${key.kid} withdrawn at ${key.withdrawnAt}: codes it signed are refused`);
      return 0;
    });
  },
}];

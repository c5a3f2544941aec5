/**
 * The installation's signing keys: created on first use, rotated and withdrawn by the operator.
 * Keys live in the database so every process of a deployment signs and verifies alike, and a
 * withdrawal takes effect everywhere at once.
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { queryRows, sql, type Db } from '../platform/db/engine.js';
import type { Actor } from '../platform/actor.js';
import { AppError, badRequest } from '../platform/errors.js';
import { recordAudit } from '../audit/record.js';
import type { SigningKeyView } from './contract.js';

export const ALGORITHM = 'EdDSA';

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
}

interface KeyRow {
  kid: string;
  algorithm: string;
  public_jwk: JWK;
  private_jwk: JWK;
  created_at: Date | string;
  retired_at: Date | string | null;
  withdrawn_at: Date | string | null;
  withdrawn_reason: string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
const view = (r: KeyRow): SigningKeyView => ({
  kid: r.kid, algorithm: r.algorithm, createdAt: iso(r.created_at)!, retiredAt: iso(r.retired_at), withdrawnAt: iso(r.withdrawn_at), withdrawnReason: r.withdrawn_reason,
});

async function newKeyRow(): Promise<{ kid: string; publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  const kid = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
  return { kid, publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) };
}

async function insertKey(db: Db): Promise<string | null> {
  const key = await newKeyRow();
  const [row] = await queryRows<{ kid: string }>(db, sql`
    insert into signing_keys (kid, algorithm, public_jwk, private_jwk)
    values (${key.kid}, ${ALGORITHM}, ${JSON.stringify(key.publicJwk)}::jsonb, ${JSON.stringify(key.privateJwk)}::jsonb)
    on conflict do nothing returning kid`);
  return row?.kid ?? null;
}

/** The key that signs now; the first call of an installation creates it (once, whoever races). */
export async function signingKey(db: Db): Promise<SigningKey> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await queryRows<KeyRow>(db, sql`select * from signing_keys where retired_at is null`);
    if (row) return { kid: row.kid, privateJwk: row.private_jwk };
    await insertKey(db);
  }
  throw new Error('no signing key could be created');
}

/** A key by its id, for verification: null when this installation never had it. */
export async function verificationKey(db: Db, kid: string): Promise<{ publicJwk: JWK; withdrawn: boolean } | null> {
  const [row] = await queryRows<KeyRow>(db, sql`select * from signing_keys where kid = ${kid}`);
  return row ? { publicJwk: row.public_jwk, withdrawn: row.withdrawn_at !== null } : null;
}

/** Every key, newest first. */
export async function listSigningKeys(db: Db): Promise<SigningKeyView[]> {
  return (await queryRows<KeyRow>(db, sql`select * from signing_keys order by created_at desc, kid desc`)).map(view);
}

/** The public halves of the keys whose codes still verify (a JSON Web Key Set), for anyone's own check. */
export async function publicKeySet(db: Db): Promise<{ keys: JWK[] }> {
  const rows = await queryRows<KeyRow>(db, sql`select * from signing_keys where withdrawn_at is null order by created_at desc, kid desc`);
  return { keys: rows.map((r) => ({ ...r.public_jwk, kid: r.kid, alg: r.algorithm, use: 'sig' })) };
}

/**
 * A new key signs from now on; the one before keeps verifying what it signed. Serialised on the
 * signing key's row, so two rotations at once leave exactly one signing key.
 */
export async function rotateSigningKey(db: Db, actor: Actor): Promise<SigningKeyView> {
  return db.transaction(async (tx) => {
    const [current] = await queryRows<KeyRow>(tx, sql`select * from signing_keys where retired_at is null for update`);
    if (current) await tx.execute(sql`update signing_keys set retired_at = now() where kid = ${current.kid}`);
    const kid = await insertKey(tx);
    if (!kid) throw new AppError(409, 'signing_key_conflict', '另一次密钥轮换正在进行，请稍后重试', 'Another key rotation is under way; try again shortly');
    await recordAudit(tx, actor, { action: 'signing_key.rotate', entityType: 'signing_key', entityId: kid, before: current ? { kid: current.kid } : null, after: { kid } });
    const [row] = await queryRows<KeyRow>(tx, sql`select * from signing_keys where kid = ${kid}`);
    return view(row);
  });
}

/**
 * Withdraws a compromised key: every code it signed is refused from now on. A key still signing
 * is rotated out first, so the installation goes on issuing codes.
 */
export async function withdrawSigningKey(db: Db, actor: Actor, kid: string, reason: string): Promise<SigningKeyView> {
  const why = reason.trim();
  if (why.length < 4 || why.length > 500) throw badRequest('withdraw_reason', '撤销密钥须写明原因（4–500 字）', 'Give the reason for withdrawing the key (4–500 characters)');
  const [row] = await queryRows<KeyRow>(db, sql`select * from signing_keys where kid = ${kid}`);
  if (!row) throw new AppError(404, 'signing_key_not_found', `没有编号为 ${kid} 的签名密钥`, `There is no signing key ${kid}`);
  if (row.withdrawn_at) throw new AppError(409, 'signing_key_withdrawn', `密钥 ${kid} 已于 ${iso(row.withdrawn_at)} 撤销`, `Key ${kid} was already withdrawn at ${iso(row.withdrawn_at)}`);
  if (!row.retired_at) await rotateSigningKey(db, actor);
  return db.transaction(async (tx) => {
    const [updated] = await queryRows<KeyRow>(tx, sql`
      update signing_keys set withdrawn_at = now(), withdrawn_reason = ${why}
      where kid = ${kid} and withdrawn_at is null returning *`);
    if (!updated) throw new AppError(409, 'signing_key_withdrawn', `密钥 ${kid} 已被撤销`, `Key ${kid} was already withdrawn`);
    await recordAudit(tx, actor, { action: 'signing_key.withdraw', entityType: 'signing_key', entityId: kid, before: { withdrawnAt: null }, after: { withdrawnAt: iso(updated.withdrawn_at), reason: why } });
    return view(updated);
  });
}

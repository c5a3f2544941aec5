-- The installation's signing keys (签名密钥): Ed25519 key pairs that sign the codes printed as QR
-- (visit codes, certificates). One key signs at a time; a rotated key keeps verifying the codes it
-- signed; a withdrawn key (compromised) verifies nothing.
create table signing_keys (
  kid text primary key,
  algorithm text not null,
  public_jwk jsonb not null,
  private_jwk jsonb not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_reason text,
  check ((withdrawn_at is null) = (withdrawn_reason is null)),
  check (withdrawn_at is null or retired_at is not null)
);

-- At most one key signs: two processes creating the first key at once cannot both succeed.
create unique index signing_keys_one_signing on signing_keys ((true)) where retired_at is null;

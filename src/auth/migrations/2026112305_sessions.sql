-- Log-in sessions; only the SHA-256 of the cookie token is stored, so a leaked table opens nothing.
create table sessions (
  token_hash text primary key,
  user_id integer not null references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

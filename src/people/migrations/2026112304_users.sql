-- People who log in. Passwords are scrypt hashes; repeated failures lock the account for a while.
create table users (
  id integer generated always as identity primary key,
  username text not null,
  name text not null,
  password_hash text not null,
  office_id integer references offices (id),
  roles text[] not null,
  active boolean not null default true,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  must_change_password boolean not null default false,
  demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_username on users (lower(username));
create index users_office on users (office_id);

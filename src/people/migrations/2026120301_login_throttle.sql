-- Failed log-ins, shared by every process: per (username, client address) and per username over
-- all clients (client '*'). The username is stored lower-cased and need not exist, so that an
-- unknown name is throttled exactly as a real one and the answers tell no one which accounts exist.
create table login_throttle (
  username text not null,
  client text not null,
  failures integer not null default 0,
  last_failure_at timestamptz,
  locked_until timestamptz,
  primary key (username, client)
);
create index login_throttle_last_failure on login_throttle (last_failure_at);

-- The account-wide count and lock kept on users until now carry over as the all-clients row.
insert into login_throttle (username, client, failures, last_failure_at, locked_until)
  select lower(username), '*', failed_logins, now(), locked_until from users where failed_logins > 0 or locked_until > now();
alter table users drop column failed_logins;
alter table users drop column locked_until;

-- The detection settings an administrator set in the web app, over the HOTSPOT_* environment's
-- defaults (src/proactive/settings.ts): only the ones set are kept, so a changed default reaches
-- every setting left alone.
create table proactive_settings (
  id integer primary key default 1 check (id = 1),
  overrides jsonb not null default '{}',
  version integer not null default 1
);
insert into proactive_settings (id) values (1);

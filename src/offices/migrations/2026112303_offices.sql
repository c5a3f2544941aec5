-- Offices (单位) form a tree; `path` ('/1/4/9/') makes "this office and everything under it" one
-- index range scan, which is how every data-scoped query asks.
create table offices (
  id integer generated always as identity primary key,
  name text not null,
  kind text not null check (kind in ('hotline_centre', 'department', 'county_platform', 'undertaking_unit', 'business_environment_office')),
  region_code text not null references regions (code),
  parent_id integer references offices (id),
  path text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index offices_sibling_name on offices (coalesce(parent_id, 0), name);
create index offices_path on offices (path text_pattern_ops);
create index offices_region on offices (region_code);

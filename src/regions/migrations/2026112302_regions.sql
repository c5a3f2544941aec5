-- Administrative divisions by GB/T 2260 code (行政区划代码): province, city, county level.
create table regions (
  code text primary key check (code ~ '^[0-9]{6}$'),
  name text not null,
  level text not null check (level in ('province', 'city', 'county')),
  parent_code text references regions (code),
  source text not null default 'gb2260',
  created_at timestamptz not null default now()
);
create index regions_parent on regions (parent_code);

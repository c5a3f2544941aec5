-- Official arrangements entered or imported by an administrator (the years chinese-days ships
-- need no rows). A day belongs to the announcement that declared it: a 2027 file may place a
-- make-up day in late December 2026, and re-importing 2026 must not erase it.
create table calendar_days (
  date date primary key,
  kind text not null check (kind in ('holiday', 'makeup_workday')),
  name text not null,
  declared_year integer not null
);
create index calendar_days_declared on calendar_days (declared_year);

-- One row per announced year: where it came from and whether it is complete.
create table calendar_years (
  year integer primary key check (year between 1900 and 2999),
  source text not null check (source in ('imported', 'entered')),
  file_name text,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

-- Office hours and a revision every change bumps, so each process knows when to rebuild its calendar.
create table calendar_settings (
  id smallint primary key check (id = 1),
  office_hours jsonb not null,
  revision bigint not null default 1,
  version integer not null default 1
);
insert into calendar_settings (id, office_hours) values
  (1, '{"timeZoneOffsetMinutes": 480, "periods": [{"start": "09:00", "end": "12:00"}, {"start": "13:30", "end": "17:30"}]}');

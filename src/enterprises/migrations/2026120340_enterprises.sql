-- The enterprise registry (企业库): one row per enterprise, keyed by its unified social credit
-- code. Master data, not a work item: changes are versioned and written to the audit trail.
-- Cases, applications, visits and inspections link to it by `uscc` (stable for the enterprise's
-- life) or by `id`.
create table enterprises (
  id integer generated always as identity primary key,
  uscc text not null unique check (uscc ~ '^[0-9A-Z]{18}$'),
  -- Set when an administrator accepted a real code whose check character fails (GB 32100).
  uscc_override_reason text,
  name text not null,
  kind text not null check (kind in ('limited_liability', 'joint_stock', 'state_owned', 'collective', 'sole_proprietorship', 'partnership', 'foreign_invested', 'branch', 'individual_business', 'farmers_cooperative')),
  legal_representative text,
  address text,
  region_code text not null references regions (code),
  -- GB/T 4754-2017 division (大类, two digits); the section (门类) follows from it.
  industry_division text check (industry_division ~ '^[0-9]{2}$'),
  size text check (size in ('large', 'medium', 'small', 'micro')),
  established_on date,
  -- 万元
  registered_capital numeric(18, 4) check (registered_capital >= 0),
  key_enterprise boolean not null default false,
  credit text not null default 'normal' check (credit in ('good', 'normal', 'bad')),
  -- [{name, role, phone}]: edited as one list with the row's version.
  contacts jsonb not null default '[]',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index enterprises_region on enterprises (region_code text_pattern_ops);
create index enterprises_industry on enterprises (industry_division);
create index enterprises_name on enterprises (name);

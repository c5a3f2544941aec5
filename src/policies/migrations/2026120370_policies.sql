-- Policies pushed to enterprises (惠企政策). A policy is a work item on the lifecycle kernel
-- (draft → published → retired, its events hash-chained); its content lives on its row, its
-- conditions as typed JSON the evaluator reads (contract.ts `Condition`). `revision` counts
-- content changes after the first publication: each revision is pushed to an enterprise once.
create table policies (
  id integer generated always as identity primary key,
  -- The issuing office: administrators and leaders of its subtree edit the policy.
  office_id integer not null references offices (id),
  title text not null check (title <> ''),
  issuing_body text not null check (issuing_body <> ''),
  document_number text not null check (document_number <> ''),
  valid_from date not null,
  valid_to date check (valid_to >= valid_from),
  -- [{number, text}]
  clauses jsonb not null default '[]',
  -- {kind, amount, description}, amount in yuan or null
  benefit jsonb not null,
  -- 免申即享
  automatic_grant boolean not null default false,
  conditions jsonb not null default '[]',
  status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  revision integer not null default 1 check (revision >= 1),
  published_at timestamptz,
  version integer not null default 1,
  event_count integer not null default 0 check (event_count >= 0),
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index policies_office on policies (office_id, status);

select create_item_events('policy_events', 'policy_id', 'policies', 'integer');

-- A policy revision pushed to an enterprise, and how far it has got: pushed → read → applied →
-- granted (with the amount) or declined; a work item of its own, each step an event. The
-- enterprise's region and industry are kept as they were when pushed, for the figures.
create table policy_matches (
  id integer generated always as identity primary key,
  policy_id integer not null references policies (id),
  revision integer not null,
  -- The title as pushed (what the notices and the portal name it).
  policy_title text not null,
  -- The registry's record (enterprises module), linked by id and code.
  enterprise_id integer not null,
  uscc text not null,
  enterprise_name text not null,
  region_code text not null,
  industry_division text,
  status text not null default 'pushed' check (status in ('pushed', 'read', 'applied', 'granted', 'declined')),
  -- The evaluation that pushed it (contract.ts `Evaluation`).
  evaluation jsonb not null,
  -- Granted without an application (免申即享).
  automatic boolean not null default false,
  -- Whole yuan.
  granted_amount integer check (granted_amount >= 0),
  decline_reason text,
  pushed_at timestamptz not null,
  read_at timestamptz,
  applied_at timestamptz,
  decided_at timestamptz,
  version integer not null default 1,
  event_count integer not null default 0 check (event_count >= 0),
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Never pushed twice for the same revision.
  unique (policy_id, revision, enterprise_id)
);
create index policy_matches_enterprise on policy_matches (uscc);
create index policy_matches_region on policy_matches (region_code text_pattern_ops);

select create_item_events('policy_match_events', 'match_id', 'policy_matches', 'integer');

-- Facts about an enterprise beyond the registry's fields (高新技术企业, 研发费用占比…), typed, with
-- their source and the day they are known from; one per (enterprise, name, source), so an
-- enterprise's declaration and an administrator's finding stand side by side. Master data:
-- every change is written to the audit trail.
create table enterprise_facts (
  enterprise_id integer not null,
  name text not null check (name <> '' and length(name) <= 40),
  type text not null check (type in ('number', 'boolean', 'text')),
  value jsonb not null,
  source text not null check (source in ('registry', 'admin', 'declared')),
  as_of date not null,
  recorded_by_name text not null,
  recorded_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (enterprise_id, name, source)
);

-- Enterprises whose facts changed since matching last looked at them: written in the transaction
-- that changes them (a registry change, an import, a fact), drained by the matching job.
create table policy_rematch_queue (
  enterprise_id integer primary key,
  queued_at timestamptz not null default now()
);

-- The service-item catalogue (政务服务事项目录). An item (service_items) is a work item on the
-- lifecycle kernel: its status (draft, published, retired), optimistic version and chain head.
-- What it says lives in its versions (service_item_versions, one row per revision, with their
-- materials): a draft's only version is edited in place; every change to a published item adds
-- a revision, so an application keeps the version it was accepted under (it references
-- service_item_versions.id, and its checklist service_item_materials.id). Published revisions
-- are never changed or deleted.
create table service_items (
  id integer generated always as identity primary key,
  implementation_code text not null,
  -- The implementing department; editors are scoped by it.
  office_id integer not null references offices (id),
  status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  -- The latest revision (what staff edit and, once published, what the public sees).
  revision integer not null default 1 check (revision >= 1),
  published_at timestamptz,
  version integer not null default 1,
  event_count integer not null default 0 check (event_count >= 0),
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  created_by_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index service_items_implementation_code on service_items (implementation_code);
create index service_items_office on service_items (office_id, status);

select create_item_events('service_item_events', 'item_id', 'service_items', 'integer');

-- Blank forms and samples of an item's materials, kept in the database as case attachments are.
create table service_item_files (
  id integer generated always as identity primary key,
  item_id integer not null references service_items (id),
  file_name text not null,
  content_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  data bytea not null,
  uploaded_by integer references users (id),
  uploaded_by_name text not null,
  uploaded_at timestamptz not null default now()
);
create index service_item_files_item on service_item_files (item_id);

create table service_item_versions (
  id integer generated always as identity primary key,
  item_id integer not null references service_items (id),
  revision integer not null check (revision >= 1),
  basic_code text not null,
  implementation_code text not null,
  name text not null,
  type_code text not null,
  legal_basis text not null,
  level text not null,
  office_id integer not null references offices (id),
  service_objects text[] not null,
  -- Working days from acceptance, in half days.
  statutory_limit numeric(5, 1) not null check (statutory_limit >= 0),
  statutory_note text not null default '',
  committed_limit numeric(5, 1) not null check (committed_limit >= 0 and committed_limit <= statutory_limit),
  committed_note text not null default '',
  conditions text not null default '',
  -- [{name, note}]
  steps jsonb not null default '[]',
  fees text not null default '',
  visits integer not null default 0 check (visits >= 0),
  online_depth text not null,
  result_name text not null default '',
  place text not null default '',
  -- The counts before the reform (流程再造), when recorded: the report's baseline.
  steps_before integer check (steps_before >= 0),
  materials_before integer check (materials_before >= 0),
  created_by_name text not null,
  created_at timestamptz not null default now(),
  unique (item_id, revision)
);
create index service_item_versions_office on service_item_versions (office_id);

create table service_item_materials (
  id integer generated always as identity primary key,
  version_id integer not null references service_item_versions (id),
  position integer not null,
  name text not null check (name <> ''),
  required boolean not null,
  deficiency boolean not null default false check (not deficiency or required),
  form text not null check (form in ('paper', 'electronic', 'both')),
  source text not null default '',
  note text not null default '',
  blank_form_file_id integer references service_item_files (id),
  sample_file_id integer references service_item_files (id),
  unique (version_id, position)
);

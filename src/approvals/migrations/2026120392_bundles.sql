-- Bundles (高效办成一件事): a named "one thing" of several catalogue items, applied for once.
-- A bundle's definition is catalogue data, versioned as items are: each change adds a revision
-- (service_bundle_versions), so a bundle application keeps the revision it was taken in under.
create table service_bundles (
  id integer generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z0-9-]{2,60}$'),
  status text not null default 'published' check (status in ('published', 'retired')),
  revision integer not null default 1 check (revision >= 1),
  version integer not null default 1,
  created_by_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table service_bundle_versions (
  bundle_id integer not null references service_bundles (id),
  revision integer not null check (revision >= 1),
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  -- The service items, in the order the guide lists them; each decided by its own department.
  item_ids integer[] not null check (cardinality(item_ids) between 2 and 20),
  -- Material names asked once for every item that lists them (共享材料).
  shared_materials text[] not null default '{}',
  -- Material names another part's result supplies (信息共享, 免提交): never asked of the applicant.
  internal_materials text[] not null default '{}',
  created_by_name text not null,
  created_at timestamptz not null default now(),
  primary key (bundle_id, revision)
);

-- A bundle application (一件事办件): one application the applicant sees, with one part per item.
-- Each part is an application (办件) of its own item, decided by that item's department through
-- its own stage and branch; this row carries the bundle's own acts (notice, acceptance, withdrawal).
create table bundle_applications (
  id bigint generated always as identity primary key,
  bundle_id integer not null references service_bundles (id),
  bundle_revision integer not null,
  applicant_kind text not null check (applicant_kind in ('enterprise', 'person')),
  applicant_name text not null check (length(applicant_name) between 1 and 200),
  applicant_uscc text check (length(applicant_uscc) = 18),
  channel text not null check (channel in ('window', 'online')),
  window_office_id integer references offices (id),
  owner_name text,
  received_at timestamptz not null,
  accepted_at timestamptz,
  status text not null check (status in ('received', 'incomplete', 'accepted', 'withdrawn')),
  version integer not null default 1,
  event_count integer not null default 0,
  last_event_hash text not null default '0000000000000000000000000000000000000000000000000000000000000000',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (bundle_id, bundle_revision) references service_bundle_versions (bundle_id, revision),
  check ((applicant_kind = 'enterprise') = (applicant_uscc is not null)),
  check (status in ('received', 'incomplete', 'withdrawn') or accepted_at is not null)
);
create index bundle_applications_uscc on bundle_applications (applicant_uscc) where applicant_uscc is not null;

select create_item_events('bundle_application_events', 'bundle_application_id', 'bundle_applications');

-- Each application belongs to at most one bundle application, once: the keys refuse a duplicated part.
create table bundle_parts (
  bundle_application_id bigint not null references bundle_applications (id),
  position integer not null check (position >= 1),
  application_id bigint not null unique references applications (id),
  primary key (bundle_application_id, position)
);

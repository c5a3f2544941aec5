-- Random inspections on site (双随机 抽查入企) as the visits module learns of them, from the
-- inspections' `inspection_visit` events (src/visits/inspection-visits.ts): an inspection on site
-- is a visit and counts against the visit rules. One row per inspection visit and inspecting
-- department, so a joint inspection takes one place of each department's yearly limit and plan
-- and counts once for the enterprise (one inspection_visit_id). No foreign key to the
-- inspections' tables: this is the visits module's own projection of their events.
create table visit_inspections (
  inspection_visit_id bigint not null,
  office_id integer not null references offices (id),
  -- The department's region, as a visit's: the business-environment office of the region reads it.
  region_code text not null check (region_code ~ '^[0-9]{6}$'),
  uscc text not null check (length(uscc) = 18),
  enterprise_name text not null,
  task_code text not null,
  -- The day it counts on: from the draw (within the task's period) until the result gives the day inspected.
  visit_date date not null,
  -- cancelled (a redraw set the inspection aside) releases its place.
  status text not null check (status in ('planned', 'done', 'cancelled')),
  primary key (inspection_visit_id, office_id)
);
create index visit_inspections_office on visit_inspections (office_id, uscc, visit_date) where status <> 'cancelled';

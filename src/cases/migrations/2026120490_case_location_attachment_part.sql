-- Where the matter is as coordinates (WGS 84, as a browser's position and Open311 give them),
-- beside the address: both or neither. Written at intake and recorded in the case's first event.
alter table cases add column lat double precision, add column long double precision,
  add constraint cases_location check ((lat is null) = (long is null) and (lat is null or (lat between -90 and 90 and long between -180 and 180)));

-- Which part of the case a file belongs to, which decides whether the requester sees it: the
-- appeal's own material (the requester's, or what the hotline took in with it), the reply's (seen
-- once the reply is), or the offices' working files (never). Files from before were uploaded
-- without saying; those the requester uploaded are the appeal's, the rest stay internal.
alter table case_attachments add column part text not null default 'internal' check (part in ('appeal', 'reply', 'internal'));
update case_attachments a set part = 'appeal' from cases c where c.id = a.case_id and a.uploaded_by is not null and a.uploaded_by = c.requester_user_id;

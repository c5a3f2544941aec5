-- A notice may carry a secret (a requester's lookup secret texted at intake): its text is needed
-- only until the notice is delivered or given up, and is then replaced in the outbox, so that a
-- copy of the database does not hand out working secrets. Existing notices carried none.
alter table notification_outbox add column carries_secret boolean not null default false;

-- Notices name what they are about as a work item — its type (the lifecycle's `type`: `case`,
-- and later an approval, a visit, an inspection or a proactive task) and its id — instead of a
-- case_id column, so that a new item type can notify without changing these tables.
--
-- The subject stays optional, both columns set or neither: a notice about no item (an account
-- matter, an announcement) is still a notice, and rows queued without a case keep no subject.
-- The checks cannot trip on valid input: enqueue cleans the subject first and queues a notice
-- with a bad one as failed, without it (rules.ts), as it does with every other bad value.
-- The type is a lower-case identifier, as item types are.
--
-- Existing rows keep their case as subject ('case', case_id); the inbox copies the subject as it
-- copies the rest of the notice. case_id had no foreign key. Its partial index served no query
-- and goes with it; none is added for the subject until a query looks notices up by it, since
-- every index costs the intake path that queues thousands of notices a second.

alter table notification_outbox add column subject_type text, add column subject_id bigint;
update notification_outbox set subject_type = 'case', subject_id = case_id where case_id is not null;
alter table notification_outbox
  add constraint notification_outbox_subject_pair check ((subject_type is null) = (subject_id is null)),
  add constraint notification_outbox_subject_type check (subject_type ~ '^[a-z][a-z0-9_]{0,62}$');
drop index notification_outbox_case;
alter table notification_outbox drop column case_id;

alter table notification_inbox add column subject_type text, add column subject_id bigint;
update notification_inbox set subject_type = 'case', subject_id = case_id where case_id is not null;
alter table notification_inbox
  add constraint notification_inbox_subject_pair check ((subject_type is null) = (subject_id is null)),
  add constraint notification_inbox_subject_type check (subject_type ~ '^[a-z][a-z0-9_]{0,62}$');
alter table notification_inbox drop column case_id;

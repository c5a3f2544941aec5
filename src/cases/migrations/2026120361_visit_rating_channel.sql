-- A complaint in an enterprise's rating of an official visit becomes a case of its own channel
-- (src/cases/subscribers/visit-complaints.ts), which the system takes in and no person does.
alter table cases drop constraint cases_channel_check;
alter table cases add constraint cases_channel_check
  check (channel in ('hotline', 'web', 'enterprise_portal', 'mailbox', 'wechat_group', 'onsite_visit', 'supervisor_report', 'leader_hotline', 'approval_review', 'visit_rating'));

-- A bad review of an application (好差评: 不满意, 非常不满意) becomes an appeal case of its own channel.
alter table cases drop constraint cases_channel_check;
alter table cases add constraint cases_channel_check check (channel in (
  'hotline', 'web', 'enterprise_portal', 'mailbox', 'wechat_group', 'onsite_visit', 'supervisor_report', 'leader_hotline', 'approval_review'));


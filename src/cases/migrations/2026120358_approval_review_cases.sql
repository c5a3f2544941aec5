-- A bad review of an application (好差评: 不满意, 非常不满意) becomes an appeal case of its own channel.
alter table cases drop constraint cases_channel_check;
alter table cases add constraint cases_channel_check check (channel in (
  'hotline', 'web', 'enterprise_portal', 'mailbox', 'wechat_group', 'onsite_visit', 'supervisor_report', 'leader_hotline', 'approval_review'));

-- Where a case opened by the system came from (an application's bad review…): at most one case per origin.
create table case_origins (
  case_id bigint primary key references cases (id),
  origin_type text not null,
  origin_id bigint not null,
  unique (origin_type, origin_id)
);

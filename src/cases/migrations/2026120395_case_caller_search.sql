-- The agent's searches (issue 15): a caller found by the last four digits of the number (what a
-- masked phone still shows) and by name; the whole number uses cases_requester_phone. And the
-- return-visit queue: reviewed cases not yet visited, the longest waiting first.
create index cases_requester_phone_last4 on cases (right(requester_phone, 4), accepted_at desc) where requester_phone is not null;
create index cases_requester_name on cases (requester_name, accepted_at desc) where requester_name is not null;
create index cases_awaiting_visit on cases (reviewed_at, id) where status = 'reviewed' and visit is null;

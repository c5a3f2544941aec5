-- The clock's judgement of a decided application (办结), stored when it is decided so the figures
-- read it in SQL instead of running the working-day clock over every completed application:
-- working days taken, within the committed and the statutory limit, and the statutory limit that
-- bound it (joint handling's 45 days where it applied). Not the application's state (its events
-- do not hash it): a projection of the chain and the calendar, judged by the pure rule
-- (rules.ts, judgeDecided) with the calendar of revision judged_calendar_revision; rows decided
-- before this migration, and every row after the calendar changes, are judged again by the
-- module's start-up step and job (judgements.ts).
alter table applications
  add column judged_days_taken integer check (judged_days_taken >= 0),
  add column judged_within_committed boolean,
  add column judged_within_statutory boolean,
  add column judged_statutory_limit numeric(6, 1),
  add column judged_calendar_revision integer,
  add check ((judged_calendar_revision is null) = (judged_days_taken is null)
    and (judged_calendar_revision is null) = (judged_within_committed is null)
    and (judged_calendar_revision is null) = (judged_within_statutory is null)
    and (judged_calendar_revision is null) = (judged_statutory_limit is null)),
  add check (judged_calendar_revision is null or decided_at is not null);

-- What the start-up step and the job look for: decided applications not judged on today's calendar.
create index applications_judged on applications (judged_calendar_revision) where decided_at is not null;

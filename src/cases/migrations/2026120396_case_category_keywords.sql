-- Words callers use for a category that its name does not hold (油烟 for 大气污染): the agent's
-- category search and the intake's category suggestion read them.
alter table case_categories add column keywords text[] not null default '{}';

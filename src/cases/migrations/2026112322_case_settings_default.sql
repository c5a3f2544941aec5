-- The default deadline policy (src/cases/deadlines.ts DEFAULT_POLICY; README "Deadlines").
insert into case_settings (id, policy) values (1, '{
  "sign": {"normal": {"amount": 1, "unit": "working_days"}, "urgent": {"amount": 2, "unit": "working_hours"}},
  "reply": {
    "consultation": {"amount": 1, "unit": "working_days"},
    "help": {"amount": 5, "unit": "working_days"},
    "complaint": {"amount": 5, "unit": "working_days"},
    "report": {"amount": 5, "unit": "working_days"},
    "suggestion": {"amount": 5, "unit": "working_days"},
    "praise": {"amount": 5, "unit": "working_days"}
  },
  "urgentReply": {"amount": 1, "unit": "working_days"},
  "maxExtensions": 1,
  "maxExtensionDays": 10,
  "dueSoon": {"fraction": 0.2, "minMinutes": 120}
}');

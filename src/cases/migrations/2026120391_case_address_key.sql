-- Proactive governance compares addresses folded (full-width digits and brackets as ASCII, no
-- spaces, no closing punctuation: src/cases/series.ts ADDRESS_KEY), so one place written several
-- ways is one series; the index holds that expression, so an address's history is read through it
-- (the plain address index stays for the duplicate check).
create index cases_address_key on cases ((regexp_replace(translate(address, '０１２３４５６７８９（）－＃　', '0123456789()-# '), '[[:space:]]+|[，。、,.;；]+$', '', 'g')), accepted_at desc)
  where address is not null;

-- An enterprise user acts for one enterprise, known by its unified social credit code.
alter table users add column enterprise_uscc text;

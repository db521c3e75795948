-- count_valid_staged: how many staged rows passed every check and were not taken out by an
--   employee's repeats (import_macros.sql).
-- params: $staging (the staging Parquet file), $excluded (Parquet file of source_row)
select count(*) as n from staged_import_rows($staging, $excluded)

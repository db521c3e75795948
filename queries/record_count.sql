-- record_count: how many records match the filters (used to find a broader cell when one is thin).
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
select count(*) as n
from filtered_salaries($path, $filters, $aging)

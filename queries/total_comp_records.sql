-- total_comp_records: the level, work arrangement and total comp of every record in the selection
--   (the raw values a bootstrap interval resamples).
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
select level, work_arrangement, total_comp
from filtered_salaries($path, $filters, $aging)
order by level, work_arrangement, total_comp

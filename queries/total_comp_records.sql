-- total_comp_records: the level, work arrangement and total comp of every record in the selection
--   (the raw values a bootstrap interval resamples).
-- params: $path (the Parquet file), $filters (the global filters, a struct: see
--   macros/filtered_salaries.sql)
select level, work_arrangement, total_comp
from filtered_salaries($path, $filters)
order by level, work_arrangement, total_comp

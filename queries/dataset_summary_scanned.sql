-- dataset_summary_scanned: row count, year range, and what the records are and where they come
--   from, counted from the records (for a file without the summary footer, and to write it).
-- params: $path (the Parquet file)
select
    count(*) as n,
    min(year) as first_year,
    max(year) as last_year,
    count(distinct role) as roles,
    count(distinct city) as cities,
    count(distinct country) as countries,
    string_agg(distinct source, '; ' order by source) as sources,
from read_parquet($path)

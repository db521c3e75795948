-- finalise_import: writes the kept rows of a staged import (import_macros.sql) as dataset
--   records: numbered in file order, sorted by role, level, city and total comp
--   (paybench.datasets.schema.SORT_ORDER).
-- params: $staging (the staging Parquet file), $excluded (Parquet file of source_row: rows an
--   employee's repeats take out), $midpoint_ranges (boolean), $drop_duplicates (boolean),
--   $output (the Parquet file to write, in row groups of 100,000 rows)
copy (
select
    row_number() over (order by source_row)::bigint as record_id,
    role, level, city, state, metro, country, work_arrangement, industry, company_size,
    year::smallint as year,
    base_salary::integer as base_salary,
    bonus::integer as bonus,
    equity::integer as equity,
    (base_salary + bonus + equity)::integer as total_comp,
    source,
from kept_import_rows($staging, $excluded, $midpoint_ranges, $drop_duplicates)
order by role, level, city, total_comp, record_id
) to $output (format parquet, compression snappy, row_group_size 100000)

-- count_collapsed_ranges: how many kept rows close a posted range whose first row is the
--   row just before them (the rows --ranges midpoint folds into their pair).
-- params: $staging (the staging Parquet file), $excluded (Parquet file of source_row)
with ordered as (
    select
        range_pair,
        source_row,
        lag(source_row) over (order by source_row) as previous_row,
    from staged_import_rows($staging, $excluded)
)

select count(*) as n
from ordered
where range_pair and previous_row = source_row - 1

-- finalise_import: writes the staged import as dataset records: numbered in file order, posting
-- ranges optionally collapsed to their midpoint, exact duplicates optionally dropped, sorted
-- by role, level, city and total comp (paybench.schema.SORT_ORDER).
-- params: $staging (the staging Parquet file), $midpoint_ranges (boolean: replace each pair of
--   adjacent rows marked range_pair by one row at the midpoint), $drop_duplicates (boolean),
--   $output (the Parquet file to write, in row groups of 100,000 rows)
copy (
with staged as (
    select
        *,
        lead(source_row) over file_order = source_row + 1
            and lead(range_pair) over file_order as opens_range,
        lag(source_row) over file_order = source_row - 1 and range_pair as closes_range,
        lead(base_salary) over file_order as next_base_salary,
        lead(bonus) over file_order as next_bonus,
        lead(equity) over file_order as next_equity,
    from read_parquet($staging)
    window file_order as (order by source_row)
),

ranges_resolved as (
    select
        * exclude (base_salary, bonus, equity),
        case when $midpoint_ranges and coalesce(opens_range, false)
            then round((base_salary + next_base_salary) / 2) else base_salary end as base_salary,
        case when $midpoint_ranges and coalesce(opens_range, false)
            then round((bonus + next_bonus) / 2) else bonus end as bonus,
        case when $midpoint_ranges and coalesce(opens_range, false)
            then round((equity + next_equity) / 2) else equity end as equity,
    from staged
    where not ($midpoint_ranges and coalesce(closes_range, false))
),

deduplicated as (
    select *
    from ranges_resolved
    qualify not $drop_duplicates or row_number() over (
        partition by role, level, city, state, metro, country, work_arrangement, industry,
            company_size, year, base_salary, bonus, equity, source
        order by source_row
    ) = 1
)

select
    row_number() over (order by source_row)::bigint as record_id,
    role, level, city, state, metro, country, work_arrangement, industry, company_size,
    year::smallint as year,
    base_salary::integer as base_salary,
    bonus::integer as bonus,
    equity::integer as equity,
    (base_salary + bonus + equity)::integer as total_comp,
    source,
from deduplicated
order by role, level, city, total_comp, record_id
) to $output (format parquet, compression snappy, row_group_size 100000)

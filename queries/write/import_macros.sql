-- import_macros: the table macros an import's last steps read its staging file through.
--   staged_import_rows(p_staging, p_excluded): the staged rows that passed every check and are
--     not excluded (p_excluded: a Parquet file of source_row, the rows an employee's repeats
--     take out).
--   kept_import_rows(p_staging, p_excluded, p_midpoint_ranges, p_drop_duplicates): those rows
--     with posting ranges optionally collapsed to their midpoint (p_midpoint_ranges: replace
--     each pair of adjacent rows marked range_pair by one row at the midpoint) and exact
--     duplicates optionally dropped (p_drop_duplicates): the rows the dataset keeps.
-- params: none (defines macros on the import's connection)
create or replace temp macro staged_import_rows(p_staging, p_excluded) as table
select *
from read_parquet(p_staging)
where valid and source_row not in (select source_row from read_parquet(p_excluded));

create or replace temp macro kept_import_rows(p_staging, p_excluded, p_midpoint_ranges,
    p_drop_duplicates) as table
with staged as (
    select
        *,
        lead(source_row) over file_order = source_row + 1
            and lead(range_pair) over file_order as opens_range,
        lag(source_row) over file_order = source_row - 1 and range_pair as closes_range,
        lead(base_salary) over file_order as next_base_salary,
        lead(bonus) over file_order as next_bonus,
        lead(equity) over file_order as next_equity,
    from staged_import_rows(p_staging, p_excluded)
    window file_order as (order by source_row)
),

ranges_resolved as (
    select
        * exclude (base_salary, bonus, equity),
        case when p_midpoint_ranges and coalesce(opens_range, false)
            then round((base_salary + next_base_salary) / 2) else base_salary end as base_salary,
        case when p_midpoint_ranges and coalesce(opens_range, false)
            then round((bonus + next_bonus) / 2) else bonus end as bonus,
        case when p_midpoint_ranges and coalesce(opens_range, false)
            then round((equity + next_equity) / 2) else equity end as equity,
    from staged
    where not (p_midpoint_ranges and coalesce(closes_range, false))
)

select *
from ranges_resolved
qualify not p_drop_duplicates or row_number() over (
    partition by role, level, city, state, metro, country, work_arrangement, industry,
        company_size, year, base_salary, bonus, equity, source
    order by source_row
) = 1;

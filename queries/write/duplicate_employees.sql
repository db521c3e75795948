-- duplicate_employees: every staged row (kept or rejected) whose employee id is on more than
--   one row, with its recency among them: 1 = the latest, by effective date (a row without
--   one counts as older than any dated row), then by position in the file.
-- params: $staging (the staging Parquet file)
select
    employee_id,
    source_row,
    valid,
    row_number() over (
        partition by employee_id
        order by effective_date desc nulls last, source_row desc
    ) as recency,
    count(*) over (partition by employee_id) as rows_with_id,
    effective_date is not null as dated,
from read_parquet($staging)
where employee_id is not null
qualify rows_with_id > 1
order by min(source_row) over (partition by employee_id), source_row

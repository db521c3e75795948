-- headline_total_comp: record count, mean and median total comp for the current filters.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
with filtered as (
    select total_comp
    from filtered_salaries($path, $filters, $aging)
)

select
    count(*) as n,
    avg(total_comp) as mean_total_comp,
    median(total_comp) as median_total_comp,
from filtered

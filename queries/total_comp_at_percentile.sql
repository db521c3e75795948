-- total_comp_at_percentile: n and the total comp at one percentile of the selection.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql;
--   $remote_policy_percentile (integer, 1 to 99: the policy lab's national rate)
with filtered as (
    select total_comp
    from filtered_salaries($path, $filters, $aging)
)

select
    count(*) as n,
    quantile_cont(total_comp, $remote_policy_percentile / 100) as total_comp,
from filtered

-- total_comp_distribution: how many records fall in each total comp bin of $bin_width dollars.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $bin_width (integer, dollars)
with filtered as (
    select total_comp
    from filtered_salaries($path, $filters, $aging)
)

select
    floor(total_comp / $bin_width)::bigint * $bin_width as bin_start,
    count(*) as n,
from filtered
group by bin_start
order by bin_start

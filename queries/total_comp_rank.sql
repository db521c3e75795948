-- total_comp_rank: how many records in the cell have total comp below $total_comp, and equal
--   to it (the offer's percentile in the market is worked out from these).
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $total_comp (double, dollars a year)
select
    count(*) as n,
    count(*) filter (where total_comp < $total_comp) as below,
    count(*) filter (where total_comp = $total_comp) as equal,
from filtered_salaries($path, $filters, $aging)

-- total_comp_quantiles: n and total_comp's quantile_cont at P10 to P90 and the interval probabilities:
--   one measure of the percentile table, for running the two measures on two cursors at once
--   (tools/percentile_variants.py).
-- params: $path, $filters, $aging (macros/filtered_salaries.sql), $interval_quantiles (double[6])
select
    count(*) as n,
    quantile_cont(total_comp, list_concat([0.10, 0.25, 0.50, 0.75, 0.90], $interval_quantiles))
        as quantiles,
from filtered_salaries($path, $filters, $aging)

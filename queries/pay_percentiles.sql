-- pay_percentiles: the base salary and total comp of every record of the selection, from which
--   the runner computes P10, P25, P50, P75 and P90 of each, with n and the values at the lower
--   and upper rank of the 95% intervals of P25, P50 and P75 (paybench/query/computed.py:
--   pay_percentiles). The numbers are exactly quantile_cont's (linear interpolation), computed
--   by a counting selection in numpy (paybench/domain/quantiles.py): on 2.5 million records
--   2 to 3 times faster than quantile_cont in DuckDB, which selects on one core per measure.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
select base_salary, total_comp
from filtered_salaries($path, $filters, $aging)

-- pay_by_city_intervals: the total comp of every record in the cities asked for, each with its
--   city's place in $city_ranks (1 = the first city), from which the runner takes, for each
--   city, its total comp at the given ranks (the k-th smallest value of the city's records for
--   each k): the bounds of the 95% intervals of its P25, median and P75
--   (paybench/query/computed.py: pay_by_city_intervals; one row per city with records, by
--   city, with its bounds). Picking ranks in numpy (paybench/domain/quantiles.py) is 2 to 3
--   times faster on a national selection than sorting a list per city in DuckDB.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $city_ranks (a list of {city: varchar, ranks: integer[]}: the ranks wanted in each city,
--   paybench.domain.stats.order_statistic_ranks)
with wanted as (
    select unnest($city_ranks).city as city, generate_subscripts($city_ranks, 1) as city_index
)

select wanted.city_index, filtered.total_comp,
from filtered_salaries($path, $filters, $aging) as filtered
join wanted on wanted.city = filtered.city

-- pay_by_city_intervals: for each city asked for, its total comp at the given ranks (the k-th
--   smallest value of the city's records for each k): the bounds of the 95% intervals of its
--   P25, median and P75.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $city_ranks (a list of {city: varchar, ranks: integer[]}: the ranks wanted in each city,
--   paybench.domain.stats.order_statistic_ranks)
with wanted as (
    select unnest($city_ranks, recursive := true)
),

filtered as (
    select city, total_comp
    from filtered_salaries($path, $filters, $aging)
    where city in (select city from wanted)
),

-- each city's records in order, so the k-th smallest is the list's k-th entry
by_city as (
    select city, list(total_comp order by total_comp) as ordered
    from filtered
    group by city
)

select wanted.city, list_transform(wanted.ranks, lambda rank: by_city.ordered[rank]) as bounds,
from wanted
join by_city on by_city.city = wanted.city
order by wanted.city

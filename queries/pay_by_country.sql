-- pay_by_country: per market cell (a country's, or the US hire's): n, P25, median and P75 of
--   total comp in US dollars, and the order statistics that bound each percentile's
--   distribution-free 95% interval.
-- params: $path (the Parquet file), $aging (the amounts' aging, null = as reported) and
--   $filters (the global filters, a struct: see macros/filtered_salaries.sql; role, level, country, city, metro and work arrangement are
--   left empty, each cell names its own),
--   $cells (a list of structs, one per cell: key and country (varchar); roles, levels,
--   work_arrangements, cities (varchar[], empty = every value); picks (integer[]: which of
--   $probabilities give the cell's order statistics, 1-based, in order; 0 gives null)),
--   $probabilities (double[]: for each order statistic a cell needs, the probability at which
--   quantile_disc returns it for that cell's n; every cell's, in one list)
-- Order statistics at per-cell ranks, fetched with one sort per cell: quantile_disc at the
-- union of every cell's probabilities, then each cell picks its own. On 2.1 million records
-- (README, "Hire anywhere") as fast as a sorted list per cell indexed by rank or a little
-- faster, without moving each cell's values into a list; twice as fast as row_number.
with cells as (
    select unnest(cell)
    from (select unnest($cells) as cell)
),

records as (
    select cells.key, salaries.total_comp
    from filtered_salaries($path, $filters, $aging) as salaries
    inner join cells on salaries.country = cells.country
    where (len(cells.roles) = 0 or list_contains(cells.roles, salaries.role))
        and (len(cells.levels) = 0 or list_contains(cells.levels, salaries.level))
        and (len(cells.work_arrangements) = 0
            or list_contains(cells.work_arrangements, salaries.work_arrangement))
        and (len(cells.cities) = 0 or list_contains(cells.cities, salaries.city))
),

by_cell as (
    select
        key,
        count(*) as n,
        quantile_cont(total_comp, [0.25, 0.50, 0.75]) as q,
        quantile_disc(total_comp, $probabilities) as at_probabilities,
    from records
    group by key
)

select cells.key, cells.country, by_cell.n, q[1] as p25, q[2] as median, q[3] as p75,
    list_select(by_cell.at_probabilities, cells.picks) as order_statistics,
from cells
inner join by_cell on cells.key = by_cell.key
order by median desc, cells.key

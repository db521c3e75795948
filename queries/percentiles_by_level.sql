-- percentiles_by_level: total comp P10 to P90 per level, with n.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
with filtered as (
    select level, total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
),

by_level as (
    select
        level,
        count(*) as n,
        quantile_cont(total_comp, [0.10, 0.25, 0.50, 0.75, 0.90]) as q,
    from filtered
    group by level
)

select level, n, q[1] as p10, q[2] as p25, q[3] as p50, q[4] as p75, q[5] as p90,
from by_level
order by level

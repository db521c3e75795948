-- total_comp_distribution: how many records fall in each total comp bin of $bin_width dollars.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
--   $bin_width (integer, dollars)
with filtered as (
    select total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
)

select
    floor(total_comp / $bin_width)::bigint * $bin_width as bin_start,
    count(*) as n,
from filtered
group by bin_start
order by bin_start

-- total_comp_rank: how many records in the cell have total comp below $total_comp, and equal
--   to it (the offer's percentile in the market is worked out from these).
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
--   $total_comp (double, dollars a year)
select
    count(*) as n,
    count(*) filter (where total_comp < $total_comp) as below,
    count(*) filter (where total_comp = $total_comp) as equal,
from filtered_salaries(
    $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
    $company_size, $year_min, $year_max
)

-- total_comp_at_percentile: n and the total comp at one percentile of the selection.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound);
--   $remote_policy_percentile (integer, 1 to 99: the policy lab's national rate)
with filtered as (
    select total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
)

select
    count(*) as n,
    quantile_cont(total_comp, $remote_policy_percentile / 100) as total_comp,
from filtered

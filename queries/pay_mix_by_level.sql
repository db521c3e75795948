-- pay_mix_by_level: mean base salary, bonus and equity per level, with n.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
with filtered as (
    select level, base_salary, bonus, equity, total_comp
    from filtered_salaries($path, $filters, $aging)
)

select
    level,
    count(*) as n,
    avg(base_salary) as base_salary,
    avg(bonus) as bonus,
    avg(equity) as equity,
    avg(total_comp) as total_comp,
from filtered
group by level
order by level

-- filter_options_scanned: every value each filterable dimension takes in the dataset, with its
--   count, counted from the records (for a file without the summary footer, and to write it).
-- params: $path (the Parquet file)
with records as (
    select role, level, country, metro, city, work_arrangement, industry, company_size,
    from read_parquet($path)
)

select
    case
        when grouping(role) = 0 then 'role'
        when grouping(level) = 0 then 'level'
        when grouping(country) = 0 then 'country'
        when grouping(metro) = 0 then 'metro'
        when grouping(city) = 0 then 'city'
        when grouping(work_arrangement) = 0 then 'work_arrangement'
        when grouping(industry) = 0 then 'industry'
        else 'company_size'
    end as dimension,
    coalesce(role, level, country, metro, city, work_arrangement, industry, company_size)
        as value,
    count(*) as n,
from records
group by grouping sets (
    (role), (level), (country), (metro), (city), (work_arrangement), (industry), (company_size)
)
having value is not null
order by dimension, value

-- country_cell_counts: records per country, role, level, work arrangement and city of the
--   selection: the counts that choose each country's market cell on the Hire anywhere page
--   (a probe, not a figure). Records without a country are left out.
-- params: $path (the Parquet file), $aging (the amounts' aging, null = as reported) and
--   $filters (the global filters, a struct: see macros/filtered_salaries.sql; the page leaves role, level, country, city, metro and work
--   arrangement empty: each cell names its own)
select country, role, level, work_arrangement, city, count(*) as n
from filtered_salaries($path, $filters, $aging)
where country is not null
group by country, role, level, work_arrangement, city
order by country, role, level, work_arrangement, city

-- metro_of_city: the metro area of the records in $city (the most common, if several), with
--   its record count; no row when no record matches.
-- params: $path (the Parquet file), $city (varchar[], as the global filter; empty = all)
select
    metro,
    count(*) as n,
from read_parquet($path)
where (len($city) = 0 or city = any($city)) and metro is not null
group by metro
order by n desc, metro
limit 1

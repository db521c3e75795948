-- import_kept_details: among the kept rows of an import, each title kept as written (not in
--   the role table) and each place not matched to a metro, with how many rows have it.
-- params: $staging, $excluded, $midpoint_ranges, $drop_duplicates (as finalise_import)
with kept as (
    select * from kept_import_rows($staging, $excluded, $midpoint_ranges, $drop_duplicates)
)

select 'unknown title' as kind, role as value, count(*) as n
from kept
where not known_role
group by role

union all

select 'unmatched' as kind, concat_ws(', ', city, state, country) as value, count(*) as n
from kept
where place = 'unmatched'
group by all

order by kind, n desc, value

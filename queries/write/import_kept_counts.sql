-- import_kept_counts: what the kept rows of an import hold: titles whose level disagreed with
--   the level column, and places matched to a metro, cities not matched, rows with no city.
-- params: $staging, $excluded, $midpoint_ranges, $drop_duplicates (as finalise_import)
select
    count(*) filter (where level_conflict) as level_conflicts,
    count(*) filter (where place = 'matched') as matched,
    count(*) filter (where place = 'unmatched') as unmatched,
    count(*) filter (where place is null) as without_city,
from kept_import_rows($staging, $excluded, $midpoint_ranges, $drop_duplicates)

-- copy_sorted_by_role_and_total_comp: the dataset written again sorted by role, then total comp,
--   so every selection within a role reaches the quantile in total comp order: "a layout the
--   quantile can exploit" (tools/percentile_variants.py). Same row groups and codec.
-- params: $source (the Parquet file), $output (the file to write)
copy (
    select * from read_parquet($source)
    order by role, total_comp, record_id
) to $output (format parquet, compression snappy, row_group_size 100000)

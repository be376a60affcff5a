"""A folder of reports: listing and indexing its files, agency names, year links (last
year's report), the overview rows, totals, and checking many reports in parallel."""

"""A folder of reports: ``ReportFolder`` (the index of its files, agency names, last
year's report of each), the check and sum pipelines (``checking``, ``summing``), the one
rule of what a year's total counts (``year_total``), the folder view's rows and county
checks (``rows``, ``county``), and working on many reports in parallel (``parallel``)."""

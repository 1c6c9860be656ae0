"""Screening: a folder of case files or a JSONL file (one case per line) in; one row per case out,
in input order, with each offence's outcome (or the case's errors), and a summary per offence."""

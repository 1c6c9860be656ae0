"""Atoms: a validated Case in; its clingo atoms (Facts) out, each with the case-file field it came from,
and a Question for every fact the case leaves open; built per offence, as the law is written."""

"""Rendering: a Report (and the answers of what-it-takes and what-if) in; the terminal printout
(rich), the stable JSON, or the Markdown review memo out."""

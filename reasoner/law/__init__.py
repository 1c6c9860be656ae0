"""The law: the rule packs under asp/ (rules, figures, provision texts) in; the compiled program
with its provenance shadow rules, the catalogue of provisions with their citations, and the figures out."""

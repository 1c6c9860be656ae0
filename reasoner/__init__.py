"""A legal reasoner for Chinese criminal law on information networks: a case file in; conclusions,
with why and why not, out, through the stages law, case, solve, explain and render (docs/architecture.md)."""

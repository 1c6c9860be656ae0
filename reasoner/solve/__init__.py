"""Solving: a validated Case and the compiled law in; clingo's answer out, as a Result: what holds
in the recorded reading, the rules that fired, and what holds in some or every completion of the unknowns."""

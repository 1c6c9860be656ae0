"""The resident server (``reasoner serve``): cases posted over HTTP in; the JSON of ``check``, or
its errors, out; the rules, catalogue and words loaded once and a Control made ahead for each case."""

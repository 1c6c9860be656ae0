"""The case: a case file (YAML or JSON, and the bank statements it points to) in; a validated
Case out, or every input error at once; and edits of a case, checked the same way."""

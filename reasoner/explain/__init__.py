"""Explanation: a case's Result in; its conclusions in one language out, each with why it holds
(from the rules that fired) or why not (every route, with what failed), and what it would take."""

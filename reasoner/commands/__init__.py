"""Commands: the command line's arguments in; a case read, reasoned about and rendered, and an exit
status, out (0, or 2 on bad input).  No legal logic: each command calls the stages and prints."""

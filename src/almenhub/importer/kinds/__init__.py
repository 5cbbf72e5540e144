"""One module per kind of page the old site has: how a file of that kind is
read and written. `services` runs them, in batches."""

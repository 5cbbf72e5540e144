"""Where the hub leans on Wagtail's and treebeard's page tree: kept in one
package, with guard tests (core/tests/test_pages_guards.py), so that an
upgrade that changes them fails here and nowhere else."""

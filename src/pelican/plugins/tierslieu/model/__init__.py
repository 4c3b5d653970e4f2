"""Reading the editors' files: YAML with lines, the data model, its messages (a leaf: imports nothing else of the plugin)."""

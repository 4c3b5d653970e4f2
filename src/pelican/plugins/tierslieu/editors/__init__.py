"""What editors use beside the build: check, advice, scaffolds, JSON Schemas, the preview (a production build imports none of it)."""

"""Benchmarks of the venue site (`invoke bench`)."""

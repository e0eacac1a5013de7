"""Benchmarks: corpus generator, timing scripts and their recorded results (RESULTS.md)."""

"""Benchmark and load check of Kenesh (make bench, make load); see README "Speed"."""

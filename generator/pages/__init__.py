"""The page plan: which pages exist, where each lives, and what each holds (see plan.py)."""

"""Exercise declarations, one module per chapter (``course.exercises.ch02`` …)."""

"""`replylint serve`."""

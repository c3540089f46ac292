"""The tools around the site: serving it to a class, and benchmarking it in Chromium."""

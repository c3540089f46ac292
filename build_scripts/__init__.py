"""Clickwise's build: load the authored files, check them, render pages, bundle the runtime."""

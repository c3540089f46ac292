"""Rendering pages: lessons, stories, slides, class mode and reference tables as MkDocs pages."""

"""Schools: their policy's positions, coverage of their promises, and drafts from a policy."""

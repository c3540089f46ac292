"""Loading and checking: every authored file read with its lines, validated, checked."""

"""The Pyodide runtime, the engine wheel, the offline copy and the precompressed files."""

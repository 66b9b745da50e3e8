"""Command-line interface: thin Typer commands over importable functions."""

"""Exports: events and articles in the shapes analysts' tools open directly."""

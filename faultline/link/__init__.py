"""Linking across articles: incidents, entities, relations, known coups."""

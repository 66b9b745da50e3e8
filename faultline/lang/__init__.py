"""Languages other than English.

Our mention and event code is written against English spaCy conventions: English lemmas in its
lexicons, ClearNLP dependency labels (dobj, prep + pobj, nsubjpass), OntoNotes entity labels.
A French article is parsed by the French model and then *glossed* into those conventions
(``fr.py``), so the same code reads it and the output keeps one vocabulary. What glossing
cannot carry (dates, number words) has French code of its own in ``mentions/``.
"""

"""What is at stake: the minerals events are about, and how exposed their supply is.

- ``reference.py``: the reference data we wrote with sources (``data/``): minerals and the
  words that name them, each producer's share of world mine production, producing provinces.
- ``severity.py`` and ``exposure.py``: the exposure index, which weighs stored events in
  producing countries and provinces by severity, locality and the country's share.

Nothing is imported here, so ``import faultline.minerals`` stays cheap; import the modules.
"""

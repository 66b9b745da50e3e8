"""Title words the press puts before a person's name, and the role each states."""

from __future__ import annotations

# Title words before a person's name, mapped to the role they state.
TITLES = {
    "president": "president",
    "general": "general",
    "gen.": "general",
    "captain": "captain",
    "capt.": "captain",
    "lieutenant": "lieutenant",
    "lt.": "lieutenant",
    "colonel": "colonel",
    "col.": "colonel",
    "major": "major",
    "sergeant": "sergeant",
    "commander": "commander",
    "admiral": "admiral",
    "marshal": "marshal",
    "minister": "minister",
    "ambassador": "ambassador",
    "spokesman": "spokesman",
    "spokesperson": "spokesperson",
    "spokeswoman": "spokeswoman",
    "envoy": "envoy",
    "senator": "senator",
    "governor": "governor",
    "king": "king",
    "premier": "prime minister",
    "secretary": "secretary",
    "director": "director",
    "chief": "chief",
    "leader": "leader",
}

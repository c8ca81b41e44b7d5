"""How a status looks wherever it is rendered (terminal, Markdown, HTML): one symbol each.

The words stay in the message catalogue; these marks are the same in every language.
"""

from __future__ import annotations

SYMBOLS = {"gerealiseerd": "✔", "lopend": "▶", "gepland": "○", "uitgesteld": "‖", "geschrapt": "✗", "onbekend": "?"}
OB_SYMBOLS = {"reported": "✔", "missing": "✗", "no-data": "–"}  # the yearly account (ssw.obligations)
#: the stuurgroep's rating (ssw.evaluations): no mark a status also uses
RATING_SYMBOLS = {"op-koers": "●", "aandacht": "◐", "achter": "▼", "geen-oordeel": "–"}

"""The bank's systems, both ways (Qt-free): the local integration API through which the bank's
credit system creates draft cases (:mod:`.server`, :mod:`.cases`), its token and the
notifications' secret (:mod:`.credentials`), and the outcomes sent back to it (:mod:`.outcomes`).
The counter starts it in background threads (:mod:`.service`); ``yizhan integration`` runs the
same code."""

"""How readouts make up meetings: the sides of each readout (sides.py), the readouts that tell one
meeting (events.py), and the summits that meetings belong to (summits.py). link.py builds the
archive's indexes on them."""

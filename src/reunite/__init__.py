"""reunite: document separated families, trace the people they seek, follow each case to its end."""

"""Evidence that can be published: the aggregate report and its tables (`figures`, `publish`, `charts`), quotes
that consent allows (`quotes`), and the case dossier (`dossier`), as HTML and PDF (`documents`)."""

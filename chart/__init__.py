"""Records desk: chart completion (issue 15). Imports only the spine, schemas and the patient index."""

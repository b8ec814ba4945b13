"""The archive: documents, persons resolved across documents, facts and events with their
evidence. `Archive` is the only way into the database."""

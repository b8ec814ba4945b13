"""What advocates take away: a dossier per person (HTML, and PDF from the same HTML), a
draft communication to the UN Working Group on Arbitrary Detention, and CSV/JSON/Uwazi
exports. Confidential persons and documents, and the people and organisations a report
names as its sources, stay out unless an admin asks (habeas.store.visibility)."""

"""Legal remedies as data: procedures (procedures/*.yml), lists of qualifying illnesses
(illnesses/*.yml), and where each remedy of a person stands (service.remedies_for)."""

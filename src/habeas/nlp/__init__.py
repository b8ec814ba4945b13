"""The English extraction pipeline: one spaCy Language with our components."""

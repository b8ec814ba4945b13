"""The Russian pipeline: natasha's sentences, morphology and names, with our own grammars for
facilities, terms, citations, charges, conditions, dates, events and attributions. It makes
the same extract-v1 CaseFile as the English pipeline."""

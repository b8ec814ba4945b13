"""Turning sources (text files, HTML pages, PDFs, standard input) into Documents."""

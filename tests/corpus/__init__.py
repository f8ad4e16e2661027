"""Test material for reading real tables: transcriptions of published tables and a generator of structural variants."""

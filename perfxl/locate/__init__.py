"""Stage 3, locate: find each form in a workbook by its content and each declared value by its label."""

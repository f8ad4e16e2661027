"""High-fidelity ("surgical") xlsx writer.

openpyxl's load + save drops images, shapes, sparklines and WPS cell images and empties every formula's
cached value.  Here every zip entry of the input is copied unchanged and only the parts that must change
are rewritten: the edited worksheets, ``xl/workbook.xml`` and its rels, ``[Content_Types].xml``,
``xl/styles.xml`` and the parts we add (new worksheets, comments + VML, sheet rels). The package itself is
read and written by ``perfxl.ooxml.writer``; the modules here say what changes.
"""

from perfxl.write.patch.model import CellEdit, CellValue, NewCell, NewSheet, PatchResult, Style
from perfxl.write.patch.workbook import new_workbook, patch_workbook

__all__ = ["CellEdit", "CellValue", "NewCell", "NewSheet", "PatchResult", "Style", "new_workbook", "patch_workbook"]

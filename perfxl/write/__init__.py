"""Writers: the scored copy (``scored`` over ``patch``), blank templates and the batch summary workbook."""

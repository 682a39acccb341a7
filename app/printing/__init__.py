"""ReportLab builders: data in, PDF bytes out."""

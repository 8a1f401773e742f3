"""Reading and writing spreadsheet files."""

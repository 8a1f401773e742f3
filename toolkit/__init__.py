"""sleutelnet: spreadsheet toolkit for Dutch municipal key-person networks."""

__version__ = "0.1.0"

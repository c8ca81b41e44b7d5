"""ssw: follow the Actieplan Sterk Sociaal Werk from plain YAML files in git."""

__version__ = "0.1.0"

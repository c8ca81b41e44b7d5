"""ssw: follow the Actieplan Sterk Sociaal Werk from plain YAML files in git."""

import os

__version__ = "0.1.0"

# ssw uses no pydantic plugins; looking them up scans every installed package on each
# start (~25 ms of a ~400 ms `ssw status`). A user who wants plugins can set the variable.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

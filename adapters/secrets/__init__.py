"""Secret stores behind ``application.ports.secrets.SecretStore``: environment, files, Google.

The Google store is deliberately not imported here: its client library is an optional extra
(``wriveted-chatbot[google]``), loaded only when that store is selected (see ``google.py``).
"""

from adapters.secrets.environment import EnvironmentSecretStore
from adapters.secrets.files import FileSecretStore, SecretNameRefused

__all__ = ["EnvironmentSecretStore", "FileSecretStore", "SecretNameRefused"]

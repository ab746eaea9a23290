"""Makes the shared conversation steps and fixtures available to every feature's test module.

pytest-bdd registers a step as a fixture of the module that defines it; importing them here
puts them in scope for every ``test_*.py`` in this folder.
"""

from features.steps.common_steps import *  # noqa: F401,F403

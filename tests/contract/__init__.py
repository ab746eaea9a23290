"""Contract suites: one set of assertions every implementation of a port must pass."""

"""Alembic migrations: the one schema of the product, and the code that applies it.

``alembic.ini`` and ``env.py`` live beside this file so the migrations ship with the
package; ``runner`` is how the ``chatbot`` command and the tests drive alembic.
"""

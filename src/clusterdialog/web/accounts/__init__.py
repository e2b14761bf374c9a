"""Accounts: users who sign in with their e-mail address, their roles and API tokens."""

"""Outgoing mail: compose from paired templates, queue in the outbox table, deliver after commit."""

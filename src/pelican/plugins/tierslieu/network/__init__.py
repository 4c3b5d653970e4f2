"""The network: other tiers-lieux and their agendas, read from last good copies and files of the project."""

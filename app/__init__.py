"""Jiuzhu (救助通): offline casework for China's social-assistance offices."""

__version__ = "0.2.0"
APP_NAME = "Jiuzhu"
APP_NAME_ZH = "救助通"

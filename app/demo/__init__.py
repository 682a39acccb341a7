"""The deterministic demo generator (not a use case): invented households walked through the rules."""

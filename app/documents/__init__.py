"""Plain data contracts of the documents Jiuzhu writes (reports, rosters), below services and writers."""

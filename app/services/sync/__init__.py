"""Use cases of sync: stations, joining, bundles to and from a folder, the county's queues."""

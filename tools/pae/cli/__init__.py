"""The command line: options parsed into plain objects, the work done by the library."""

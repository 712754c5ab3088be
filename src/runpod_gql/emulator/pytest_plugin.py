"""pytest plugin of the emulator extra (fixtures land with the emulator)."""

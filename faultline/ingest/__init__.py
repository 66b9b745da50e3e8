"""Reading inputs and normalising them into articles."""

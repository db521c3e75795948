"""What a view asks for and how it is answered: the catalog of dimensions and measures, the
filter state, the market cell, and the runner that executes the SQL registry's queries."""

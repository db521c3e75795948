"""Tools that drive the app from outside: benchmark, load script, server and AppTest harnesses,
the pandas reference the benchmark compares with. The app never imports them."""

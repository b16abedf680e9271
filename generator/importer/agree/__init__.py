"""The specs of one run made to agree: in come the built specs and their logs; out come the same
specs with one service root, one type per path, one name per path parameter, claims between
specs settled, and references and navigation kept only where they can work."""

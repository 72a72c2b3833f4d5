"""The matching engine: finds what every rule's pattern sets look for in a reply.

Layers, each reading only those before it:

* :mod:`.regexes` runs user-written regexes with a time bound;
* :mod:`.tokens` says what one token must be (:class:`~.tokens.TokenTest`);
* :mod:`.sequences` matches a run of token tests at a token (:class:`~.sequences.Sequence`);
* :mod:`.sets` holds what a rule looks for (:class:`~.sets.PatternSet`) and where it was
  found (:class:`~.sets.Hit`);
* :mod:`.prefilter` reads the literals a regex cannot match without, :mod:`.literals`
  finds them in a text and :mod:`.gates` routes ``text:`` tests by them;
* :mod:`.index` files every sequence by what its first token must be
  (:class:`~.index.Matcher`) and says of each word which may start there (its
  :class:`~.index.Row`);
* :mod:`.table` holds the hits of every pattern set on one reply
  (:class:`~.table.MatchTable`): sequences in one pass over its tokens, the rest when a
  rule asks.
"""

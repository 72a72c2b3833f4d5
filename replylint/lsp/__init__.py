"""`replylint lsp`: a language server for editors (pygls), a thin door over
:mod:`replylint.api`. Only :mod:`replylint.lsp.server` imports pygls; see docs/lsp.md."""

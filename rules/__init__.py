# The bundled rule packs (YAML). Installed as the data package replylint._bundled_rules;
# this file only makes that package importable. Rules are data: see docs/rules.md.

"""``python -m faultline`` runs the CLI."""

from faultline.cli.main import main

main()

from ssw.cli import main

main()

from speechkit.cli import main

main()

from speechkit.launch import main

main()

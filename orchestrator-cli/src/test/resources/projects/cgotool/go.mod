module example.com/cgotool

go 1.19

module example.com/greet

go 1.23

require golang.org/x/text v0.21.0

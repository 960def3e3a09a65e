module example.com/tool

go 1.19

require (
	example.com/greet v1.2.3
	example.com/local v0.0.0-00010101000000-000000000000
)

replace example.com/local => ./local

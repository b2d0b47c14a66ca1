module example.com/hello-component

go 1.23

module github.com/mip-project/mip/bindings/go

go 1.19

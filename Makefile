# The two commands of the README, plus measurements.
SHARED ?= ../shared

.PHONY: demo test bench accuracy build setup

demo:
	scripts/demo.sh

test:
	scripts/test.sh

setup:
	scripts/setup.sh --test

build:
	scripts/setup.sh && scripts/build.sh

accuracy:
	cargo run --locked --release -p airlock-core --example accuracy -- $(SHARED)

bench:
	scripts/bench.sh $(SHARED)

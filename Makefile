# The two commands a new machine needs: `make studio` and `make test` (see README.md).
SWIFT ?= swift
EXAMPLE ?= Examples/horse-beach
BIN := .build/release/storyreel

.PHONY: studio test test-kills build deps test-deps bench fuzz clean check-graph lint format

## Install what is missing, build, and open the studio on an example project.
studio: deps
	$(SWIFT) build -c release --product storyreel
	$(BIN) studio $(EXAMPLE)

## Install what is missing and run the whole test suite, with time-boxed fuzzing passes first (fixed seed, every
## past crash in Fuzz/Regressions replayed): the project loader, the PNG decoder, the safetensors header parser, the
## terminal-reply parser, shot lists and edited cuts, Storyboarder files, LoRA and single-file checkpoint key
## mapping, and the studio's key decoder, FUZZ_SECONDS each (20 s: nine passes of 30 s took 5 min 25 s with the
## builds, on the shared two cores). Before anything builds: Package.swift against the imports (check-graph) and the
## house style (lint).
FUZZ_SECONDS ?= 20
FUZZ_HARNESSES := project png safetensors terminal-reply interchange storyboarder lora single-file keys
test: test-deps check-graph lint
	scripts/fuzz --seconds $(FUZZ_SECONDS) $(FUZZ_HARNESSES)
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## README's promise held to at length: 100 kill -9 of the studio at random moments while typing and saving (about
## 5 minutes; the suite runs 6).
test-kills: test-deps
	$(SWIFT) build --build-tests
	STORYREEL_STUDIO_KILLS=100 $(SWIFT) test --skip-build --filter killsWhileTypingAndSavingKeepThePromise

## Package.swift declares exactly what each target imports, and imports point down the layering comment.
check-graph:
	scripts/check-package-graph

## swift-format's rules from .swift-format (layout findings are counted, not enforced: see scripts/lint).
SWIFT_FORMAT ?= $(shell command -v swift-format || echo /opt/swift/usr/bin/swift-format)
lint:
	SWIFT_FORMAT=$(SWIFT_FORMAT) scripts/lint

## Rewrites files in the house style, in place: `make format FILES="Sources/Drawing Tests/DrawingTests"`. Run it on
## what you are changing; the whole tree (the default) only when nobody else has work in flight.
FILES ?= Sources Tests
format:
	$(SWIFT_FORMAT) format --in-place --configuration .swift-format --recursive $(FILES)

build: deps
	$(SWIFT) build -c release --product storyreel

deps:
	@scripts/install-deps run

test-deps:
	@scripts/install-deps test

## Benchmarks print figures; they are not part of the test suite.
bench: deps
	$(SWIFT) build -c release --product storyreel
	$(BIN) bench

## Longer fuzzing: every harness for 60 s (crashes land in Fuzz/Crashes).
fuzz:
	scripts/fuzz 60

clean:
	rm -rf .build

# drucksache: German parliamentary papers to JSON, XLSX and Parquet.
GO      ?= go
OUT     ?= out
FUZZTIME ?= 20s

.PHONY: run test bench fuzz build check-gold check-clients roundtrip ci clean

INPUTS  ?= $(wildcard fixtures/*.txt fixtures/*.pdf fixtures/*.html) fixtures/eval

## run: extract every document in fixtures/ (not the gold files) to $(OUT)/ (json, xlsx, parquet)
run:
	$(GO) run ./cmd/drucksache run --out $(OUT) $(INPUTS)

## test: unit, golden and end-to-end tests
test:
	$(GO) vet ./...
	$(GO) test ./...

## bench: throughput and memory benchmarks, then PDF pages/s of the whole pipeline next to pdftotext -layout
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	scripts/bench-pdf.sh

## fuzz: every fuzz target for FUZZTIME each
fuzz:
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

## build: the command in bin/
build:
	$(GO) build -o bin/drucksache ./cmd/drucksache

## check-gold: score every gold document in ../shared with its checker (needs ../shared)
check-gold:
	scripts/goldcheck.sh

## check-clients: open the outputs in DuckDB and LibreOffice (installs them where missing)
check-clients:
	scripts/check-clients.sh

## roundtrip: render the round-trip bench's papers again with every PDF producer (installs them with apt)
roundtrip:
	scripts/roundtrip.sh

ci:
	.ci/run

clean:
	rm -rf $(OUT) bin

#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs, read at run time from seeds/, tests/fixtures,
# rules/ and ../shared/corpora (never copied into the repository). See docs/fuzzing.md.
# Inputs of `extract` and `check` start with one byte that picks the format and the language
# (fuzz/src/lib.rs); those of `rule_pack` with one that picks the rule file.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
shared=../shared/corpora
[ -d "$shared" ] || shared=/work/shared/corpora
mkdir -p "$corpus"/{extract,check,rule_pack,config,policy,baseline}

# The pack codes in the order the library lists them (sorted), as fuzz/src/lib.rs picks them.
codes=($(ls rules/lang | sed 's/\.yaml$//' | sort))

# The first byte of a document input: 3 × language index + format index; an unknown language
# (or none in the name) is the index after the last pack: detection from the text.
lead_byte() {
    local file=$1 base format=0 lang=${#codes[@]} i
    case "${file##*.}" in md|mdx|markdown) format=1 ;; html|htm|xhtml) format=2 ;; esac
    base=$(basename "$file")
    base=${base%.*}
    for i in "${!codes[@]}"; do
        if [ "${base##*.}" = "${codes[$i]}" ] || [ "$base" = "${codes[$i]}" ]; then lang=$i; fi
    done
    printf "\\x$(printf %02x $((3 * lang + format)))"
}

# Documents longer than this are cut at a line end: the fuzzers run with -max_len 65536.
max=60000
n=0
add_document() {
    local file=$1
    n=$((n + 1))
    { lead_byte "$file"; head -c "$max" "$file"; } > "$corpus/extract/$n"
    # check: one more byte, the mutation.
    { lead_byte "$file"; printf "\\x$(printf %02x $((n % 256)))"; head -c "$max" "$file"; } > "$corpus/check/$n"
}
while IFS= read -r -d '' file; do add_document "$file"; done < <(
    find seeds tests/fixtures "$shared/ntrex-dev" -type f \
        \( -name '*.txt' -o -name '*.md' -o -name '*.mdx' -o -name '*.html' \) -print0 | sort -z)

i=0
for file in rules/lang/*.yaml rules/common.yaml rules/concepts.yaml; do
    case "$file" in */common.yaml) lead=1 ;; */concepts.yaml) lead=2 ;; *) lead=0 ;; esac
    i=$((i + 1))
    { printf "\\x0$lead"; cat "$file"; } > "$corpus/rule_pack/$i"
done

find tests/fixtures -name factdiff.yaml | sort | while read -r file; do
    cp "$file" "$corpus/config/$(echo "$file" | tr / _)"
done

cp rules/policy.yaml "$corpus/policy/policy.yaml"
printf 'severity: {missing-fact: error, precision-loss: off}\ntolerances: {about: 0.05}\n' \
    > "$corpus/policy/overrides.yaml"

find tests/fixtures "$shared/recognizers-specs" -name '*.json' -size -60k | sort | while read -r file; do
    cp "$file" "$corpus/baseline/$(echo "$file" | tr / _)"
done
factdiff=target/release/factdiff
[ -x "$factdiff" ] || cargo build --release --quiet
"$factdiff" lint --config tests/fixtures/lint/factdiff.yaml --exit-zero --no-progress \
    --write-baseline --baseline "$corpus/baseline/lint-baseline.json" > /dev/null 2>&1 || true

for target in "$corpus"/*; do
    echo "$(basename "$target"): $(ls "$target" | wc -l) inputs"
done

# Sourced by the scripts that regenerate committed Java sources (bindings/jextract.sh,
# tools/schema/flatc-java.sh): compares a generator's fresh output with the committed files,
# or replaces them with it.

# sync_generated_java CHECK SOURCES FRESH MARKER WHAT
#   CHECK   true: fail, showing the difference, when the committed files differ from FRESH's;
#           false: replace them with FRESH's
#   SOURCES the package folder; its generated files are those whose first line is MARKER,
#           the others (hand-written) are left alone
#   FRESH   the generator's output for the package
#   WHAT    the calling script, as its messages name it
sync_generated_java() {
  local check=$1 sources=$2 fresh=$3 marker=$4 what=$5
  local committed=() file
  for file in "$sources"/*.java; do
    if [[ -f $file && "$(head -n 1 "$file")" == "$marker" ]]; then
      committed+=("$file")
    fi
  done
  if $check; then
    local copy
    copy=$(mktemp -d)
    if ((${#committed[@]})); then
      cp "${committed[@]}" "$copy/"
    fi
    if ! diff -ru "$copy" "$fresh" > "$copy.diff"; then
      sed -e "s|$copy|committed|g" -e "s|$fresh|regenerated|g" "$copy.diff"
      rm -rf "$copy" "$copy.diff"
      echo "$what: the committed sources differ from the generator's output: run $what" >&2
      return 1
    fi
    rm -rf "$copy" "$copy.diff"
    echo "$what: the ${#committed[@]} committed sources are the generator's output"
  else
    if ((${#committed[@]})); then
      rm -f "${committed[@]}"
    fi
    mkdir -p "$sources"
    cp "$fresh"/*.java "$sources/"
    echo "$what: wrote $(find "$fresh" -name '*.java' | wc -l) files to $sources"
  fi
}
